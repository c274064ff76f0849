// Package sqlcsvc is the service one level above sqlc's generated
// package: the getter is in another package, known through a fact.
package sqlcsvc

import (
	"context"

	"sqlcdb"
)

type Service struct{ q *sqlcdb.Queries }

// Register creates the user, then reloads it with its counts.
func (s *Service) Register(ctx context.Context, email, name string) (sqlcdb.GetUserWithStatsRow, error) { // want Register:`writes sqlcdb\.Queries\.CreateUser: INSERT INTO users \(service\.go:15\)`
	id, err := s.q.CreateUser(ctx, email, name)
	if err != nil {
		return sqlcdb.GetUserWithStatsRow{}, err
	}
	return s.q.GetUserWithStats(ctx, id) // want `sqlcdb.Queries.GetUserWithStats loads GetUserWithStatsRow with computed fields \(PostCount: subquery\) \(queries.go:51\) on write path Service.Register \(service.go:15\); load only the stored fields the command needs, or split GetUserWithStatsRow into a command model and a query model`
}

// RegisterLean reloads only stored columns: no finding.
func (s *Service) RegisterLean(ctx context.Context, email, name string) (sqlcdb.GetUserRow, error) { // want RegisterLean:`writes sqlcdb\.Queries\.CreateUser: INSERT INTO users \(service\.go:24\)`
	id, err := s.q.CreateUser(ctx, email, name)
	if err != nil {
		return sqlcdb.GetUserRow{}, err
	}
	return s.q.GetUser(ctx, id)
}

// Audit writes an unrelated table before the load: no finding.
func (s *Service) Audit(ctx context.Context, id int64) (sqlcdb.GetUserWithStatsRow, error) { // want Audit:`writes sqlcdb\.Queries\.CreateAuditEntry: INSERT INTO audit \(service\.go:33\)` Audit:`loads GetUserWithStatsRow with PostCount: subquery \(queries\.go:51\)`
	if err := s.q.CreateAuditEntry(ctx, "viewed"); err != nil {
		return sqlcdb.GetUserWithStatsRow{}, err
	}
	return s.q.GetUserWithStats(ctx, id)
}

// profile reaches the getter through a helper of this package.
func (s *Service) profile(ctx context.Context, id int64) (sqlcdb.GetUserWithStatsRow, error) {
	return s.q.GetUserWithStats(ctx, id)
}

func (s *Service) reload(ctx context.Context, id int64) (sqlcdb.GetUserWithStatsRow, error) {
	return s.profile(ctx, id)
}

// Rename writes users, then reloads through reload → profile → the getter.
func (s *Service) Rename(ctx context.Context, email, name string) (sqlcdb.GetUserWithStatsRow, error) { // want Rename:`writes sqlcdb\.Queries\.CreateUser: INSERT INTO users \(service\.go:50\)`
	id, err := s.q.CreateUser(ctx, email, name)
	if err != nil {
		return sqlcdb.GetUserWithStatsRow{}, err
	}
	return s.reload(ctx, id) // want `Service.reload loads GetUserWithStatsRow with computed fields \(PostCount: subquery\) through sqlcdb.Queries.GetUserWithStats \(queries.go:51\) on write path Service.Rename`
}
