package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"golang.org/x/sys/unix"

	"github.com/thaliumx/thaliumx/node/keys"
)

// promptWaitMax bounds how long a test waits for a prompt to appear.
const promptWaitMax = 10 * time.Second

// terminal is a pseudo-terminal: the command reads and prompts on the
// slave side, and the test types on the master side and reads what the
// terminal shows.
type terminal struct {
	master, slave *os.File

	mu     sync.Mutex
	output bytes.Buffer // everything the terminal displayed
	closed chan struct{}
}

func openTerminal(t *testing.T) *terminal {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal on this machine: %v", err)
	}
	var number int
	var ioctlErr error
	// Control keeps the master in non-blocking mode, so Close ends a Read.
	err = rawControl(master, func(fd int) {
		if ioctlErr = unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); ioctlErr == nil {
			number, ioctlErr = unix.IoctlGetInt(fd, unix.TIOCGPTN)
		}
	})
	if err = errors.Join(err, ioctlErr); err != nil {
		master.Close()
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", number), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Fatalf("open the pseudo-terminal's slave side: %v", err)
	}

	term := &terminal{master: master, slave: slave, closed: make(chan struct{})}
	go term.copyOutput()
	t.Cleanup(term.close)
	return term
}

func rawControl(f *os.File, control func(fd int)) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	return conn.Control(func(fd uintptr) { control(int(fd)) })
}

func (term *terminal) copyOutput() {
	defer close(term.closed)
	buf := make([]byte, 1024)
	for {
		n, err := term.master.Read(buf)
		term.mu.Lock()
		term.output.Write(buf[:n])
		term.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (term *terminal) close() {
	term.slave.Close()
	term.master.Close()
	<-term.closed
}

func (term *terminal) display() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.output.String()
}

func (term *terminal) echoOn(t *testing.T) bool {
	t.Helper()
	var state *unix.Termios
	var ioctlErr error
	err := rawControl(term.slave, func(fd int) { state, ioctlErr = unix.IoctlGetTermios(fd, unix.TCGETS) })
	if err = errors.Join(err, ioctlErr); err != nil {
		t.Fatalf("read terminal settings: %v", err)
	}
	return state.Lflag&unix.ECHO != 0
}

// waitForPrompt waits until the terminal shows prompt for the count-th
// time and echo is off.
func (term *terminal) waitForPrompt(t *testing.T, prompt string, count int) {
	t.Helper()
	deadline := time.Now().Add(promptWaitMax)
	for strings.Count(term.display(), prompt) < count || term.echoOn(t) {
		if time.Now().After(deadline) {
			t.Fatalf("no prompt %q number %d with echo off within %v; terminal shows %q", prompt, count, promptWaitMax, term.display())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// typeAtPrompt waits for the count-th prompt, then types line and Enter.
func (term *terminal) typeAtPrompt(t *testing.T, prompt string, count int, line string) {
	t.Helper()
	term.waitForPrompt(t, prompt, count)
	if _, err := term.master.Write([]byte(line + "\n")); err != nil {
		t.Fatalf("type at the prompt: %v", err)
	}
}

// runAccountOnTerminal runs thx with its input and prompts on term.
func runAccountOnTerminal(term *terminal, args ...string) (stdout string, err error) {
	app := newApp()
	var out bytes.Buffer
	app.Reader, app.Writer, app.ErrWriter = term.slave, &out, term.slave
	err = app.Run(append([]string{"thx"}, args...))
	return out.String(), err
}

func TestAccountNewPromptsWithoutEcho(t *testing.T) {
	clearAccountEnv(t)
	term := openTerminal(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	const passphrase = "typed at the prompt"

	type result struct {
		stdout string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		stdout, err := runAccountOnTerminal(term, "account", "new", "--keystore", dir, "--light-kdf")
		done <- result{stdout, err}
	}()
	term.typeAtPrompt(t, "Passphrase for the new account: ", 1, passphrase)
	term.typeAtPrompt(t, "Repeat the passphrase: ", 1, passphrase)
	res := <-done
	if res.err != nil {
		t.Fatalf("thx account new at a prompt: %v\nterminal: %q", res.err, term.display())
	}

	data, err := os.ReadFile(outputField(t, res.stdout, "key file"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keystore.DecryptKey(data, passphrase); err != nil {
		t.Fatalf("the key file does not open with the typed passphrase: %v", err)
	}
	if output := term.display(); strings.Contains(output, passphrase) {
		t.Fatalf("the terminal echoed the passphrase: %q", output)
	}
}

func TestAccountNewPromptMismatch(t *testing.T) {
	clearAccountEnv(t)
	term := openTerminal(t)
	dir := filepath.Join(t.TempDir(), "keystore")

	done := make(chan error, 1)
	go func() {
		_, err := runAccountOnTerminal(term, "account", "new", "--keystore", dir, "--light-kdf")
		done <- err
	}()
	term.typeAtPrompt(t, "Passphrase for the new account: ", 1, "first")
	term.typeAtPrompt(t, "Repeat the passphrase: ", 1, "second")
	if err := <-done; !errors.Is(err, keys.ErrPassphraseMismatch) {
		t.Fatalf("thx account new with two different passphrases: %v", err)
	}
	if names := dirEntries(t, dir); names != nil {
		t.Fatalf("a failed thx account new left %q", names)
	}
}

func TestAccountExportPromptsForBoth(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	address := newLightAccount(t, dir, writePassword(t, "old pass"))
	out := filepath.Join(t.TempDir(), "exported.json")
	term := openTerminal(t)

	done := make(chan error, 1)
	go func() {
		_, err := runAccountOnTerminal(term, "account", "export", "--keystore", dir, "--light-kdf", "--out", out, address.Hex())
		done <- err
	}()
	term.typeAtPrompt(t, "Passphrase for account "+address.Hex()+": ", 1, "old pass")
	term.typeAtPrompt(t, "Passphrase for the exported key file: ", 1, "new pass")
	term.typeAtPrompt(t, "Repeat the passphrase: ", 1, "new pass")
	if err := <-done; err != nil {
		t.Fatalf("thx account export at prompts: %v\nterminal: %q", err, term.display())
	}
	data, _ := os.ReadFile(out)
	if key, err := keystore.DecryptKey(data, "new pass"); err != nil || key.Address != address {
		t.Fatalf("the exported file does not open with the new passphrase typed at the prompt: %v", err)
	}
}

// promptChildEnv marks the test binary run by
// TestAccountPromptInterruptRestoresEcho as its child.
const promptChildEnv = "THX_TEST_PROMPT_CHILD_KEYSTORE"

// TestAccountPromptChild runs thx account new on the process's standard
// input when TestAccountPromptInterruptRestoresEcho starts it.
func TestAccountPromptChild(t *testing.T) {
	dir := os.Getenv(promptChildEnv)
	if dir == "" {
		t.Skip("runs only as the child process of TestAccountPromptInterruptRestoresEcho")
	}
	ignoreSIGINTIfRequested()
	app := newApp()
	app.Reader, app.ErrWriter = os.Stdin, os.Stderr
	if err := app.Run([]string{"thx", "account", "new", "--keystore", dir, "--light-kdf"}); err != nil {
		t.Fatal(err)
	}
}

// promptChild is TestAccountPromptChild running in its own process.
type promptChild struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // the result of cmd.Wait, set before done is closed
}

// startPromptChild starts TestAccountPromptChild on term. Unless
// ignoreInterrupt is set, the child starts with SIGINT at its default
// action, as a shell starts a command in the foreground, even where the
// test process itself runs with SIGINT ignored, as a shell without job
// control starts a command run with &.
func startPromptChild(t *testing.T, term *terminal, dir string, ignoreInterrupt bool) *promptChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAccountPromptChild$")
	cmd.Env = append(os.Environ(), promptChildEnv+"="+dir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = term.slave, term.slave, term.slave

	action := sigintDefault
	if ignoreInterrupt {
		action = sigintIgnored
	}
	if err := startWithSIGINT(cmd, action); err != nil {
		t.Fatal(err)
	}

	child := &promptChild{cmd: cmd, done: make(chan struct{})}
	go func() {
		child.err = cmd.Wait()
		close(child.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // fails harmlessly when the child has ended
		<-child.done
	})
	return child
}

// wait returns the child's exit error, and fails the test when the child
// is still running after promptWaitMax.
func (child *promptChild) wait(t *testing.T, term *terminal) error {
	t.Helper()
	select {
	case <-child.done:
		return child.err
	case <-time.After(promptWaitMax):
		t.Fatalf("the child is still running after %v; terminal shows %q", promptWaitMax, term.display())
		return nil
	}
}

func TestAccountPromptInterruptRestoresEcho(t *testing.T) {
	clearAccountEnv(t)
	term := openTerminal(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	child := startPromptChild(t, term, dir, false)

	term.waitForPrompt(t, "Passphrase for the new account: ", 1)
	if err := child.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := child.wait(t, term)
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		t.Fatalf("the child ended with %v, expected death by SIGINT; terminal shows %q", err, term.display())
	}
	if status, ok := exitErr.Sys().(syscall.WaitStatus); !ok || !status.Signaled() || status.Signal() != syscall.SIGINT {
		t.Fatalf("the child ended with %v, expected death by SIGINT", exitErr)
	}
	if !term.echoOn(t) {
		t.Fatal("Ctrl-C at the passphrase prompt left the terminal without echo")
	}
	if names := dirEntries(t, dir); names != nil {
		t.Fatalf("an interrupted thx account new left %q", names)
	}
}

// TestAccountPromptIgnoredInterrupt checks that a prompt started with
// SIGINT ignored keeps echo off when SIGINT arrives and goes on reading.
func TestAccountPromptIgnoredInterrupt(t *testing.T) {
	clearAccountEnv(t)
	term := openTerminal(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	const passphrase = "typed after an ignored Ctrl-C"
	child := startPromptChild(t, term, dir, true)

	term.waitForPrompt(t, "Passphrase for the new account: ", 1)
	if err := child.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	// Nothing marks that the child has ignored the signal, so the test
	// watches echo for a while. A handler that turns echo back on does so
	// right after the signal, so 200 ms catches it unless the machine is
	// very busy, and a correct child never fails this check.
	for deadline := time.Now().Add(200 * time.Millisecond); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if term.echoOn(t) {
			t.Fatalf("an ignored SIGINT turned echo back on at the passphrase prompt; terminal shows %q", term.display())
		}
	}

	term.typeAtPrompt(t, "Passphrase for the new account: ", 1, passphrase)
	term.typeAtPrompt(t, "Repeat the passphrase: ", 1, passphrase)
	if err := child.wait(t, term); err != nil {
		t.Fatalf("the child ended with %v, expected success; terminal shows %q", err, term.display())
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Fatalf("the keystore contains %q, expected one key file", names)
	}
	if output := term.display(); strings.Contains(output, passphrase) {
		t.Fatalf("the terminal echoed the passphrase: %q", output)
	}
}
