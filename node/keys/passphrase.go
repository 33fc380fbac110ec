package keys

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// Environment variables that hold passphrases, for scripts and services
// that have no terminal. A value in a flag would show in the process list,
// so no flag takes a passphrase.
const (
	// EnvPassphrase holds the passphrase that unlocks a key file, or that
	// encrypts a new one.
	EnvPassphrase = "THX_PASSWORD"
	// EnvNewPassphrase holds the passphrase for a key file that an export
	// encrypts again.
	EnvNewPassphrase = "THX_NEW_PASSWORD"
)

// PassphraseFileBytesMax bounds a password file. Only its first line is
// the passphrase.
const PassphraseFileBytesMax = 4096

// PassphraseSource is the origin of a passphrase: a password file, an
// environment variable or a terminal prompt. The first one that is set
// wins, in that order.
type PassphraseSource struct {
	// File is a password file whose first line, without its line ending,
	// is the passphrase. An empty first line is an empty passphrase.
	File string
	// EnvVar names an environment variable, such as EnvPassphrase, that
	// holds the passphrase when it is set, even to the empty string.
	EnvVar string
	// Terminal is prompted on, without echo, when it is a terminal.
	Terminal *os.File
	// PromptOut receives the prompt text; nil means os.Stderr.
	PromptOut io.Writer
	// LookupEnv reads the environment; nil means os.LookupEnv.
	LookupEnv func(name string) (string, bool)
}

// Passphrase returns the passphrase that unlocks subject, such as
// "account 0x…", which the prompt names.
func (s PassphraseSource) Passphrase(subject string) (string, error) {
	passphrase, _, err := s.read(subject, false)
	return passphrase, err
}

// NewPassphrase returns a passphrase that will encrypt subject. A prompt
// reads it twice and fails when the two differ. An empty passphrase is
// rejected whatever its source.
func (s PassphraseSource) NewPassphrase(subject string) (string, error) {
	passphrase, origin, err := s.read(subject, true)
	if err != nil {
		return "", err
	}
	if passphrase == "" {
		return "", fmt.Errorf("%w for %s from %s; give a passphrase that is not empty, because anyone who copies the key file can try the empty one",
			ErrEmptyPassphrase, subject, origin)
	}
	return passphrase, nil
}

// read returns the passphrase and names the source it came from.
func (s PassphraseSource) read(subject string, confirm bool) (passphrase, origin string, err error) {
	if s.File != "" {
		passphrase, err = readPassphraseFile(s.File)
		return passphrase, "password file " + s.File, err
	}
	if s.EnvVar != "" {
		lookup := s.LookupEnv
		if lookup == nil {
			lookup = os.LookupEnv
		}
		if value, ok := lookup(s.EnvVar); ok {
			return value, "environment variable " + s.EnvVar, nil
		}
	}
	if s.Terminal != nil && term.IsTerminal(int(s.Terminal.Fd())) {
		passphrase, err = s.prompt(subject, confirm)
		return passphrase, "the prompt", err
	}

	if s.EnvVar == "" {
		return "", "", fmt.Errorf("%w for %s: no password file was given and standard input is not a terminal to prompt on", ErrNoPassphrase, subject)
	}
	return "", "", fmt.Errorf("%w for %s: no password file was given, %s is not set, and standard input is not a terminal to prompt on",
		ErrNoPassphrase, subject, s.EnvVar)
}

// prompt reads the passphrase from the terminal with echo turned off.
func (s PassphraseSource) prompt(subject string, confirm bool) (string, error) {
	out := s.PromptOut
	if out == nil {
		out = os.Stderr
	}
	passphrase, err := s.readLine(out, fmt.Sprintf("Passphrase for %s: ", subject))
	if err != nil || !confirm {
		return passphrase, err
	}
	again, err := s.readLine(out, "Repeat the passphrase: ")
	if err != nil {
		return "", err
	}
	if again != passphrase {
		return "", fmt.Errorf("%w for %s; nothing was written", ErrPassphraseMismatch, subject)
	}
	return passphrase, nil
}

func (s PassphraseSource) readLine(out io.Writer, prompt string) (string, error) {
	fd := int(s.Terminal.Fd())
	fmt.Fprint(out, prompt)
	stop := restoreTerminalOnSignal(fd)
	line, err := term.ReadPassword(fd)
	stop()
	fmt.Fprintln(out) // the Enter key was not echoed either
	if err != nil {
		return "", fmt.Errorf("keys: read passphrase from terminal: %w", err)
	}
	return string(line), nil
}

// restoreTerminalOnSignal turns echo back on if SIGINT (Ctrl-C) or SIGTERM
// arrives while ReadPassword has it off, and then delivers the signal again.
// Without it the process would end and leave the shell without echo. The
// returned function stops the watch.
//
// A signal that was ignored when the process started, as a shell without
// job control leaves SIGINT for a command run with &, is not watched.
// Catching it would turn echo back on while the prompt still reads the
// passphrase, because the signal delivered again is ignored too.
func restoreTerminalOnSignal(fd int) (stop func()) {
	state, err := term.GetState(fd)
	if err != nil {
		return func() {}
	}
	var watched []os.Signal
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(sig) {
			watched = append(watched, sig)
		}
	}
	if len(watched) == 0 {
		return func() {}
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, watched...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			_ = term.Restore(fd, state)
			signal.Stop(signals)
			// With this watch gone, the signal has its default effect or
			// reaches the process's other handlers.
			if self, err := os.FindProcess(os.Getpid()); err == nil {
				_ = self.Signal(sig)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// readPassphraseFile returns the first line of the file at path, without
// "\n" or "\r\n", as geth reads its --password files.
func readPassphraseFile(path string) (string, error) {
	data, err := readFileBounded(path, PassphraseFileBytesMax, ErrInvalidPassphraseFile)
	if err != nil {
		return "", fmt.Errorf("keys: read password file: %w", err)
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return string(bytes.TrimSuffix(line, []byte("\r"))), nil
}
