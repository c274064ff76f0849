// Command cacheprog is a small GOCACHEPROG program: a go command build
// cache kept in one directory, which several machines (or several GOCACHE
// directories) can share, as a team's remote cache would be. It exists to
// test and measure cqrslint under go vet with a shared cache
// (docs/performance.md); it is not meant for production use.
//
//	GOCACHEPROG="cacheprog -dir /shared/cache -log /tmp/stats.jsonl" go vet -vettool=$(which cqrslint) ./...
//
// With -log, it appends one JSON line of counts (gets, hits, misses, puts)
// when the go command closes it.
//
// The protocol is the one of cmd/go/internal/cacheprog (Go 1.24 and
// later): JSON requests on stdin, JSON responses on stdout, the first
// response announcing the commands it knows.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// request and response mirror cmd/go/internal/cacheprog.Request and
// Response.
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

// entry is what the cache stores under an action ID.
type entry struct {
	OutputID []byte
	Size     int64
	Time     time.Time
}

// Stats are the counts -log records.
type Stats struct {
	Gets   int `json:"gets"`
	Hits   int `json:"hits"`
	Misses int `json:"misses"`
	Puts   int `json:"puts"`
}

func main() {
	dir := flag.String("dir", "", "cache `directory` (created if missing)")
	logFile := flag.String("log", "", "append the request counts as one JSON line to `file` on close")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "cacheprog: -dir is required")
		os.Exit(2)
	}
	c := &cache{dir: *dir}
	if err := c.serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cacheprog:", err)
		os.Exit(1)
	}
	if *logFile != "" {
		if err := appendStats(*logFile, c.stats); err != nil {
			fmt.Fprintln(os.Stderr, "cacheprog:", err)
			os.Exit(1)
		}
	}
}

type cache struct {
	dir   string
	stats Stats
}

func (c *cache) serve(in io.Reader, out io.Writer) error {
	for _, sub := range []string{"a", "o"} {
		if err := os.MkdirAll(filepath.Join(c.dir, sub), 0o755); err != nil {
			return err
		}
	}
	dec := json.NewDecoder(bufio.NewReader(in))
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	send := func(r response) error {
		if err := enc.Encode(r); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := send(response{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return err
	}
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		var body []byte
		if req.Command == "put" && req.BodySize > 0 {
			// The body follows as a base64 JSON string.
			if err := dec.Decode(&body); err != nil {
				return fmt.Errorf("reading the body of request %d: %v", req.ID, err)
			}
		}
		var res response
		var err error
		switch req.Command {
		case "get":
			res, err = c.get(req)
		case "put":
			res, err = c.put(req, body)
		case "close":
			return send(response{ID: req.ID})
		default:
			err = fmt.Errorf("unknown command %q", req.Command)
		}
		if err != nil {
			res = response{Err: err.Error()}
		}
		res.ID = req.ID
		if err := send(res); err != nil {
			return err
		}
	}
}

func (c *cache) actionPath(id []byte) string {
	return filepath.Join(c.dir, "a", hex.EncodeToString(id))
}
func (c *cache) outputPath(id []byte) string {
	return filepath.Join(c.dir, "o", hex.EncodeToString(id))
}

func (c *cache) get(req request) (response, error) {
	c.stats.Gets++
	data, err := os.ReadFile(c.actionPath(req.ActionID))
	if errors.Is(err, os.ErrNotExist) {
		c.stats.Misses++
		return response{Miss: true}, nil
	}
	if err != nil {
		return response{}, err
	}
	var e entry
	if err := json.Unmarshal(data, &e); err != nil {
		return response{}, err
	}
	path := c.outputPath(e.OutputID)
	if fi, err := os.Stat(path); err != nil || fi.Size() != e.Size {
		c.stats.Misses++
		return response{Miss: true}, nil
	}
	c.stats.Hits++
	return response{OutputID: e.OutputID, Size: e.Size, Time: &e.Time, DiskPath: path}, nil
}

func (c *cache) put(req request, body []byte) (response, error) {
	c.stats.Puts++
	if int64(len(body)) != req.BodySize {
		return response{}, fmt.Errorf("body of %d bytes, want %d", len(body), req.BodySize)
	}
	path := c.outputPath(req.OutputID)
	if err := writeAtomic(path, body); err != nil {
		return response{}, err
	}
	data, err := json.Marshal(entry{OutputID: req.OutputID, Size: req.BodySize, Time: time.Now()})
	if err != nil {
		return response{}, err
	}
	if err := writeAtomic(c.actionPath(req.ActionID), data); err != nil {
		return response{}, err
	}
	return response{DiskPath: path}, nil
}

// writeAtomic writes data to path through a temporary file, so that a
// concurrent reader (another go command sharing the directory) never sees
// a partial file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

func appendStats(path string, s Stats) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(append(data, '\n'))
	return errors.Join(werr, f.Close())
}
