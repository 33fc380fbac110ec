// Command bindgen writes the Go bindings of the compiled contracts with
// go-ethereum's abigen library (v2 bindings). It reads the contract names
// from artifacts/contracts.txt and each artifacts/<Name>.json written by
// build.js, and writes one Go file. Run it through `make contracts`.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// artifact is the part of an artifacts/<Name>.json file that bindings need.
type artifact struct {
	ContractName string          `json:"contractName"`
	ABI          json.RawMessage `json:"abi"`
	Bytecode     string          `json:"bytecode"`
}

func main() {
	dir := flag.String("artifacts", "artifacts", "directory holding contracts.txt and <Name>.json artifacts")
	out := flag.String("out", "bindings/bindings.go", "Go file to write")
	pkg := flag.String("pkg", "bindings", "Go package name of the output")
	flag.Parse()
	if err := run(*dir, *out, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "bindgen:", err)
		os.Exit(1)
	}
}

func run(dir, out, pkg string) error {
	names, err := readNames(filepath.Join(dir, "contracts.txt"))
	if err != nil {
		return err
	}
	var types, abis, bytecodes []string
	for _, name := range names {
		a, err := readArtifact(filepath.Join(dir, name+".json"))
		if err != nil {
			return err
		}
		types = append(types, a.ContractName)
		abis = append(abis, string(a.ABI))
		bytecodes = append(bytecodes, strings.TrimPrefix(a.Bytecode, "0x"))
	}
	code, err := abigen.BindV2(types, abis, bytecodes, pkg, map[string]string{}, map[string]string{})
	if err != nil {
		return fmt.Errorf("generate bindings for %v: %w", names, err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	if err := os.WriteFile(out, []byte(code), 0o644); err != nil {
		return fmt.Errorf("write bindings: %w", err)
	}
	return nil
}

func readNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read contract list (run build.js first): %w", err)
	}
	defer f.Close()
	var names []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if name := strings.TrimSpace(scanner.Text()); name != "" {
			names = append(names, name)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(names) == 0 {
		return nil, errors.New(path + " lists no contracts")
	}
	return names, nil
}

func readArtifact(path string) (artifact, error) {
	var a artifact
	data, err := os.ReadFile(path)
	if err != nil {
		return a, fmt.Errorf("read artifact: %w", err)
	}
	if err := json.Unmarshal(data, &a); err != nil {
		return a, fmt.Errorf("parse artifact %s: %w", path, err)
	}
	if a.ContractName == "" || len(a.ABI) == 0 || a.Bytecode == "" {
		return a, fmt.Errorf("artifact %s lacks contractName, abi or bytecode", path)
	}
	return a, nil
}
