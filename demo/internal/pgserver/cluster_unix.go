//go:build unix

package pgserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// clusterUser is the role initdb creates in a throwaway cluster.
const clusterUser = "cqrsdemo"

// startCluster initialises a cluster in a new temporary directory, starts
// postgres on a free loopback port and returns a Server whose Close stops
// it and removes the directory. initdb and postgres refuse to run as
// root, so as root they run as the "postgres" (or "nobody") user.
func startCluster(ctx context.Context, logf func(string, ...any)) (srv *Server, err error) {
	bin, err := findBinDir()
	if err != nil {
		return nil, err
	}
	owner, ownerName, err := clusterOwner()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cqrsdemo-pg-")
	if err != nil {
		return nil, fmt.Errorf("throwaway cluster: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	if owner != nil {
		if err := os.Chown(dir, int(owner.Uid), int(owner.Gid)); err != nil {
			return nil, fmt.Errorf("throwaway cluster: %w", err)
		}
	}
	data := filepath.Join(dir, "data")
	logf("initdb in %s (binaries from %s, as user %s)", dir, bin, ownerName)
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"),
		"-D", data, "-U", clusterUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	if out, err := runAs(initdb, dir, owner); err != nil {
		return nil, fmt.Errorf("throwaway cluster: initdb: %w: %s", err, lastLine(out))
	}
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("throwaway cluster: %w", err)
	}
	logFile, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return nil, fmt.Errorf("throwaway cluster: %w", err)
	}
	defer logFile.Close()
	pg := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1")
	pg.Dir, pg.Stdout, pg.Stderr = dir, logFile, logFile
	// Its own process group: ^C reaches us, and we stop postgres in order.
	pg.SysProcAttr = &syscall.SysProcAttr{Credential: owner, Setpgid: true}
	if err := pg.Start(); err != nil {
		return nil, fmt.Errorf("throwaway cluster: postgres: %w", err)
	}
	exited := make(chan struct{})
	go func() { pg.Wait(); close(exited) }()
	stop := func() error {
		pg.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			pg.Process.Kill()
			<-exited
		}
		return os.RemoveAll(dir)
	}
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://%s@127.0.0.1:%d/postgres?sslmode=disable", clusterUser, port))
	if err != nil {
		stop()
		return nil, err
	}
	source := fmt.Sprintf("throwaway cluster in %s", dir)
	srv, err = waitReady(ctx, cfg, source, exited)
	if err != nil {
		stop()
		log, _ := os.ReadFile(logFile.Name())
		return nil, fmt.Errorf("throwaway cluster: postgres did not start: %w: %s", err, lastLine(log))
	}
	srv.dir, srv.stop = dir, stop
	return srv, nil
}

// waitReady polls until the server accepts connections, it exits, or 30
// seconds pass.
func waitReady(ctx context.Context, cfg *pgx.ConnConfig, source string, exited <-chan struct{}) (*Server, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		srv, err := dial(ctx, cfg.ConnString(), source)
		if err == nil {
			return srv, nil
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		select {
		case <-exited:
			return nil, errors.New("postgres exited")
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// runAs runs cmd in dir as owner (nil: as ourselves) and returns its
// combined output.
func runAs(cmd *exec.Cmd, dir string, owner *syscall.Credential) ([]byte, error) {
	var out bytes.Buffer
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: owner}
	err := cmd.Run()
	return out.Bytes(), err
}

// clusterOwner returns the credential to run initdb and postgres with:
// nil when we are not root, else the postgres user (or nobody).
func clusterOwner() (*syscall.Credential, string, error) {
	if os.Geteuid() != 0 {
		name := "current user"
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
		return nil, name, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, name, nil
	}
	return nil, "", errors.New("throwaway cluster: running as root and neither a postgres nor a nobody user exists to run initdb as")
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLine(b []byte) string {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return string(lines[len(lines)-1])
}
