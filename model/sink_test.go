package model_test

import (
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// *model.Store must keep satisfying the sync engine's contract.
var _ connector.Sink = (*model.Store)(nil)
