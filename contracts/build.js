// Compiles contracts/src with the pinned solc from package.json and writes
// artifacts/<Contract>.json (ABI and bytecode) for each contract in
// CONTRACTS, plus artifacts/contracts.txt listing them in order for the Go
// binding generator. The output depends only on the sources and the
// settings below, so rerunning it on unchanged sources changes no file.
"use strict";

const fs = require("fs");
const path = require("path");
const solc = require("solc");

// Cancun is the newest EVM version that Ethereum, BNB Smart Chain (Tycho
// upgrade) and Polygon PoS (Napoli upgrade) all run and that go-ethereum's
// dev and simulated chains support. The Exchange relies on its transient
// storage (EIP-1153) for the reentrancy lock.
const EVM_VERSION = "cancun";
const OPTIMIZER_RUNS = 1000000;

// Contracts written to artifacts/ and bound in Go, in output order.
const CONTRACTS = [
  ["Exchange.sol", "Exchange"],
  ["TestToken.sol", "TestToken"],
  ["WrappedNative.sol", "WrappedNative"],
  ["test/FeeOnTransferToken.sol", "FeeOnTransferToken"],
  ["test/NoReturnToken.sol", "NoReturnToken"],
  ["test/ReentrantToken.sol", "ReentrantToken"],
];

const root = __dirname;
const srcDir = path.join(root, "src");
const outDir = path.join(root, "artifacts");

function listSources(dir, prefix) {
  const names = fs.readdirSync(dir).sort();
  const sources = {};
  for (const name of names) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (fs.statSync(full).isDirectory()) {
      Object.assign(sources, listSources(full, rel));
    } else if (name.endsWith(".sol")) {
      sources[rel] = { content: fs.readFileSync(full, "utf8") };
    }
  }
  return sources;
}

function compile() {
  const input = {
    language: "Solidity",
    sources: listSources(srcDir, ""),
    settings: {
      evmVersion: EVM_VERSION,
      viaIR: true,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      metadata: { bytecodeHash: "none", appendCBOR: false },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  for (const e of output.errors || []) {
    process.stderr.write(e.formattedMessage + "\n");
  }
  if (errors.length > 0) {
    throw new Error(`solc reported ${errors.length} error(s); fix the sources above`);
  }
  return output;
}

function main() {
  const output = compile();
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, name] of CONTRACTS) {
    const contract = output.contracts[file] && output.contracts[file][name];
    if (!contract) {
      throw new Error(`solc output has no contract ${name} in ${file}`);
    }
    const artifact = {
      contractName: name,
      sourceName: `src/${file}`,
      compiler: `solc ${solc.version()}`,
      evmVersion: EVM_VERSION,
      optimizerRuns: OPTIMIZER_RUNS,
      abi: contract.abi,
      bytecode: "0x" + contract.evm.bytecode.object,
      deployedBytecode: "0x" + contract.evm.deployedBytecode.object,
    };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact, null, 2) + "\n");
    const size = contract.evm.deployedBytecode.object.length / 2;
    process.stdout.write(`${name}: ${size} bytes of runtime code\n`);
  }
  const names = CONTRACTS.map(([, name]) => name).join("\n") + "\n";
  fs.writeFileSync(path.join(outDir, "contracts.txt"), names);
}

main();
