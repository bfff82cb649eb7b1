//go:build windows

package app

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens the file with no sharing: a second process gets
// ERROR_SHARING_VIOLATION until the first one exits (Windows closes the
// handle of a dead process, so no stale lock survives).
func lockFile(path string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, errorSharingViolation) {
			return nil, errLocked
		}
		return nil, err
	}
	return os.NewFile(uintptr(h), path), nil
}

// errorSharingViolation is ERROR_SHARING_VIOLATION (not exported by syscall).
const errorSharingViolation = syscall.Errno(32)

func unlockFile(f *os.File) { f.Close() }
