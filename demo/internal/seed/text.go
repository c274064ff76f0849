package seed

import "strings"

// vocabulary makes up bios and post bodies.
func vocabulary() []string {
	return strings.Fields(`the a of to and in that it for on with as at by from this was are
		post coffee morning city music code train garden book photo weekend team launch
		release idea walk river mountain friends dinner notes today tomorrow yesterday small
		big quiet loud bright rainy sunny new old fast slow simple honest careful curious`)
}

// mix is splitmix64: a deterministic stream of pseudo-random numbers for
// text that must be the same on both sides without storing it.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// sentence is n pseudo-random words of w chosen from key.
func sentence(w []string, key uint64, n int) string {
	var b strings.Builder
	for i := range n {
		key = mix(key)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w[key%uint64(len(w))])
	}
	return b.String()
}

func bio(w []string, seed uint64, id int64) string {
	k := mix(seed ^ uint64(id)<<1)
	return sentence(w, k, 12+int(k%16))
}

func postBody(w []string, seed, i uint64) string {
	k := mix(seed ^ i<<1 ^ 1)
	return sentence(w, k, 8+int(k%30))
}

// passwordHash looks like a bcrypt hash: 60 bytes, as real ones are.
func passwordHash(seed uint64, id int64) string {
	const alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	b.WriteString("$2a$10$")
	k := mix(seed ^ uint64(id)<<1 ^ 2)
	for range 53 {
		k = mix(k)
		b.WriteByte(alphabet[k%uint64(len(alphabet))])
	}
	return b.String()
}
