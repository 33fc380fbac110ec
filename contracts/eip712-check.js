// Recomputes the shared EIP-712 test vector (chain/eip712/testdata/vector.json)
// with ethers v6 and exits non-zero if any digest, signature or recovered
// signer differs from the Go implementation's. `make test` runs it.
"use strict";

const fs = require("fs");
const path = require("path");
const { TypedDataEncoder, SigningKey, Signature, verifyTypedData, getAddress } = require("ethers");

const vectorPath = path.join(__dirname, "..", "chain", "eip712", "testdata", "vector.json");

// The EIP-712 types of docs/PROTOCOL.md, written independently of the Go code.
const TYPES = {
  Order: [
    { name: "trader", type: "address" },
    { name: "market", type: "uint32" },
    { name: "side", type: "uint8" },
    { name: "kind", type: "uint8" },
    { name: "timeInForce", type: "uint8" },
    { name: "postOnly", type: "bool" },
    { name: "selfTradePrevention", type: "uint8" },
    { name: "price", type: "uint64" },
    { name: "triggerPrice", type: "uint64" },
    { name: "quantity", type: "uint64" },
    { name: "maxFeeBps", type: "uint16" },
    { name: "nonce", type: "uint64" },
    { name: "expiry", type: "uint64" },
  ],
  Withdrawal: [
    { name: "trader", type: "address" },
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "nonce", type: "uint64" },
    { name: "expiry", type: "uint64" },
  ],
  Cancel: [
    { name: "trader", type: "address" },
    { name: "orderHash", type: "bytes32" },
  ],
};

const failures = [];
let passed = 0;

function expectEqual(what, got, want) {
  if (String(got).toLowerCase() === String(want).toLowerCase()) {
    passed++;
    return;
  }
  failures.push(`${what}: ethers computed ${got}, vector has ${want}`);
}

function checkMessage(vector, domain, primaryType, message, hash, signature) {
  const types = { [primaryType]: TYPES[primaryType] };
  const digest = TypedDataEncoder.hash(domain, types, message);
  expectEqual(`${primaryType} digest`, digest, hash);

  // ethers signs with RFC 6979 nonces like go-ethereum, so the signature is
  // the same bytes, with v of 27 or 28.
  const signed = new SigningKey(vector.traderKey).sign(digest);
  expectEqual(`${primaryType} signature`, Signature.from(signed).serialized, signature);

  const signer = verifyTypedData(domain, types, message, signature);
  expectEqual(`${primaryType} signer`, signer, getAddress(vector.trader));
}

function main() {
  const vector = JSON.parse(fs.readFileSync(vectorPath, "utf8"));
  const domain = {
    name: vector.domain.name,
    version: vector.domain.version,
    chainId: vector.domain.chainId,
    verifyingContract: getAddress(vector.domain.verifyingContract),
  };
  expectEqual("domain name", domain.name, "ThaliumX Exchange");
  expectEqual("domain separator", TypedDataEncoder.hashDomain(domain), vector.domainSeparator);
  checkMessage(vector, domain, "Order", vector.order, vector.orderHash, vector.orderSignature);
  checkMessage(vector, domain, "Withdrawal", vector.withdrawal, vector.withdrawalHash, vector.withdrawalSignature);
  checkMessage(vector, domain, "Cancel", vector.cancel, vector.cancelHash, vector.cancelSignature);

  for (const failure of failures) {
    process.stderr.write(`FAIL ${failure}\n`);
  }
  process.stdout.write(`eip712-check: ${passed} passed, ${failures.length} failed\n`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
