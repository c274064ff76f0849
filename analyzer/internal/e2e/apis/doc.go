// Package apis is the root of a nested test module: small repositories on
// the real scany (v1 and v2), pgx v4 and v5, go-sqlbuilder, squirrel, bun,
// go-pg v10, sqlx, goyesql and dotsql modules. cmd/cqrslint's TestVetAPIs
// runs cqrslint on them under go vet, to check the knowledge table and the
// test stubs in testdata/src against the real APIs. Its own go.mod keeps
// these modules out of cqrslint's dependencies. It is example code, not
// used by cqrslint.
package apis
