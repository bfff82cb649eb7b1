package model

import "fmt"

// Bookkeeping written inside ApplyBatch's transaction.

func (a *applier) writeState(entity string, st *SyncState) error {
	if st.Entity != "" {
		entity = st.Entity
	}
	if entity == "" {
		return fmt.Errorf("sync state: entity missing")
	}
	upd := st.UpdatedAt
	if upd == "" {
		upd = a.now
	}
	_, err := a.exec(`INSERT INTO sync_state(channel_id, entity, watermark, watermark_id, initial_upper,
		initial_done, progress, total_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(channel_id, entity) DO UPDATE SET watermark = excluded.watermark,
			watermark_id = excluded.watermark_id, initial_upper = excluded.initial_upper,
			initial_done = excluded.initial_done, progress = excluded.progress,
			total_count = excluded.total_count, updated_at = excluded.updated_at`,
		a.ch, entity, st.Watermark, st.WatermarkID, st.InitialUpper, st.InitialDone, st.Progress, st.TotalCount, upd)
	if err != nil {
		return fmt.Errorf("write sync state %s: %w", entity, err)
	}
	return nil
}

// addRunCounters adds c to the run's figures for entity; Total is the
// latest total_count Magento reported, not a sum.
func (a *applier) addRunCounters(runID int64, entity string, c Counters) error {
	_, err := a.exec(`INSERT INTO sync_run_counters(run_id, entity, read, added, updated, skipped, failed, total)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(run_id, entity) DO UPDATE SET read = read + excluded.read, added = added + excluded.added,
			updated = updated + excluded.updated, skipped = skipped + excluded.skipped,
			failed = failed + excluded.failed,
			total = CASE WHEN excluded.total > 0 THEN excluded.total ELSE total END`,
		runID, entity, c.Read, c.Added, c.Updated, c.Skipped, c.Failed, c.Total)
	if err != nil {
		return fmt.Errorf("add run %d counters: %w", runID, err)
	}
	return nil
}

func (a *applier) recordErrors(entity string, errs []SyncError, resolved []int64) error {
	for _, e := range errs {
		ent := e.Entity
		if ent == "" {
			ent = entity
		}
		_, err := a.exec(`INSERT INTO sync_errors(channel_id, entity, magento_id, attempts, last_error, first_at, last_at)
			VALUES (?, ?, ?, 1, ?, ?, ?)
			ON CONFLICT(channel_id, entity, magento_id) DO UPDATE SET attempts = attempts + 1,
				last_error = excluded.last_error, last_at = excluded.last_at`,
			a.ch, ent, e.MagentoID, e.LastError, a.now, a.now)
		if err != nil {
			return fmt.Errorf("record sync error %s %d: %w", ent, e.MagentoID, err)
		}
	}
	for _, id := range resolved {
		if _, err := a.exec(`DELETE FROM sync_errors WHERE channel_id = ? AND entity = ? AND magento_id = ?`, a.ch, entity, id); err != nil {
			return fmt.Errorf("clear sync error %s %d: %w", entity, id, err)
		}
	}
	return nil
}
