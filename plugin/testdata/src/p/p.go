package p

type User struct{ ID int64 } // want "struct User is a god struct"
