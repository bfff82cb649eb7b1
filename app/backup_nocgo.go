//go:build !cgo

package app

import (
	"context"
	"errors"
)

// copyDatabase needs go-sqlite3's backup API, which needs cgo (every real
// MageDesk build has it: go-sqlite3 itself does).
func copyDatabase(ctx context.Context, src, dest string) error {
	return errors.New("backup needs a build with cgo")
}
