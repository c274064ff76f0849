package seed

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Dataset is a generated data set. User ids are 1..Users.
type Dataset struct {
	Config
	celebrities []int64
	ordinary    []int64
	postAuthors []int64    // author of the i-th post
	follows     [][2]int64 // (follower, followee)
}

// Generate builds the data set c describes.
func Generate(c Config) (*Dataset, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))
	d := &Dataset{Config: c}
	isCeleb := make(map[int64]bool, c.Celebrities)
	for k := range c.Celebrities {
		id := int64(1 + k*c.Users/c.Celebrities) // spread over the id range
		d.celebrities = append(d.celebrities, id)
		isCeleb[id] = true
	}
	for id := int64(1); id <= int64(c.Users); id++ {
		if !isCeleb[id] {
			d.ordinary = append(d.ordinary, id)
		}
	}
	pick := d.popularity(r)
	d.genPosts(r, pick)
	d.genFollows(r, pick)
	return d, nil
}

// popularity gives each ordinary user a weight (the square of an
// exponential draw: most small, a long tail) and returns a sampler of
// ordinary users by weight.
func (d *Dataset) popularity(r *rand.Rand) func() int64 {
	cum := make([]float64, len(d.ordinary))
	total := 0.0
	for i := range cum {
		e := r.ExpFloat64()
		total += e * e
		cum[i] = total
	}
	return func() int64 {
		i := sort.SearchFloat64s(cum, r.Float64()*total)
		return d.ordinary[min(i, len(cum)-1)]
	}
}

func (d *Dataset) genPosts(r *rand.Rand, pick func() int64) {
	if d.Posts == 0 {
		return
	}
	celebPosts := int(math.Round(float64(d.Posts) * d.CelebrityPostShare))
	d.postAuthors = make([]int64, 0, d.Posts)
	for i := range celebPosts {
		d.postAuthors = append(d.postAuthors, d.celebrities[i%len(d.celebrities)])
	}
	for len(d.postAuthors) < d.Posts {
		d.postAuthors = append(d.postAuthors, pick())
	}
	r.Shuffle(len(d.postAuthors), func(i, j int) {
		d.postAuthors[i], d.postAuthors[j] = d.postAuthors[j], d.postAuthors[i]
	})
}

func (d *Dataset) genFollows(r *rand.Rand, pick func() int64) {
	seen := map[[2]int64]bool{}
	add := func(follower, followee int64) {
		p := [2]int64{follower, followee}
		if follower != followee && !seen[p] {
			seen[p] = true
			d.follows = append(d.follows, p)
		}
	}
	perCeleb := int(math.Round(float64(d.Users) * d.CelebrityFollowerShare))
	for _, c := range d.celebrities {
		for _, i := range r.Perm(d.Users)[:min(perCeleb, d.Users)] {
			add(int64(i+1), c)
		}
	}
	if len(d.ordinary) < 2 || d.FollowsPerUser == 0 {
		return
	}
	for u := int64(1); u <= int64(d.Users); u++ {
		n := int(math.Round(r.ExpFloat64() * d.FollowsPerUser))
		for range n {
			add(u, pick())
		}
	}
	slices.SortFunc(d.follows, func(a, b [2]int64) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
}

// Celebrities returns the celebrities' ids.
func (d *Dataset) Celebrities() []int64 { return slices.Clone(d.celebrities) }

// Ordinary returns the ids of the users who are not celebrities.
func (d *Dataset) Ordinary() []int64 { return slices.Clone(d.ordinary) }

// PostCounts returns the number of posts per author.
func (d *Dataset) PostCounts() map[int64]int64 {
	m := map[int64]int64{}
	for _, a := range d.postAuthors {
		m[a]++
	}
	return m
}

// FollowerCounts returns the number of followers per followed user.
func (d *Dataset) FollowerCounts() map[int64]int64 {
	m := map[int64]int64{}
	for _, f := range d.follows {
		m[f[1]]++
	}
	return m
}

// Follows is the number of follow edges.
func (d *Dataset) Follows() int { return len(d.follows) }
