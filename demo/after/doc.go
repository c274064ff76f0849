// Package after is package before split into commands and queries.
//
// Commands carry only what a write needs and return at most the new id
// (INSERT ... RETURNING id); no write path reads a computed column. The
// query model, UserProfile, carries no credentials and is read with one
// join of users and the user_stats read model: no subquery, no aggregate,
// the same cost for a celebrity as for anyone.
//
// The read model is kept exact by the commands themselves: a post or a
// follow increments the counter row in the same transaction, after the
// insert and only when it inserted, as the last statement before COMMIT.
// That is the write side's price: one more statement per write, and a
// row lock that concurrent followers of one celebrity queue on. Deferred
// counting moves follower counts off that row at the price of freshness.
// Drift and Reconcile check and repair the read model; Fold applies the
// deferred counts.
package after
