package main

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// The metrics wrapper keeps the store's optional interfaces: without them a
// split is not one transaction and credits no logs, and the coach reads no
// history.
func TestCountingStoreKeepsInterfaces(t *testing.T) {
	var db *storage.DB
	var st goals.Store = splitStore{countingStore: &countingStore{Store: db}, full: db}
	if _, ok := st.(goals.ChildrenWriter); !ok {
		t.Error("ChildrenWriter hidden")
	}
	if _, ok := st.(goals.HistoryReader); !ok {
		t.Error("HistoryReader hidden")
	}
	if _, ok := st.(goals.MetricHistoryReader); !ok {
		t.Error("MetricHistoryReader hidden")
	}
}
