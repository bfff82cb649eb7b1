//go:build cgo

package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// copyDatabase copies src over dest with sqlite3_backup, retrying while
// the destination is busy (a reader or the app's writer mid-transaction).
func copyDatabase(ctx context.Context, src, dest string) error {
	srcDB, err := openRaw(src, true)
	if err != nil {
		return err
	}
	defer srcDB.Close()
	destDB, err := openRaw(dest, false)
	if err != nil {
		return err
	}
	defer destDB.Close()
	srcConn, err := srcDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", src, err)
	}
	defer srcConn.Close()
	destConn, err := destDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", dest, err)
	}
	defer destConn.Close()
	return destConn.Raw(func(d any) error {
		return srcConn.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("not a go-sqlite3 connection")
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return fmt.Errorf("start backup: %w", err)
			}
			for {
				// -1: every page in one step, so the copy is one snapshot.
				done, err := b.Step(-1)
				if err != nil {
					b.Close()
					return fmt.Errorf("copy pages: %w", err)
				}
				if done {
					break
				}
				// Busy or locked: someone holds a lock we need; try again.
				select {
				case <-ctx.Done():
					b.Close()
					return ctx.Err()
				case <-time.After(50 * time.Millisecond):
				}
			}
			if err := b.Finish(); err != nil {
				return fmt.Errorf("finish backup: %w", err)
			}
			return nil
		})
	})
}
