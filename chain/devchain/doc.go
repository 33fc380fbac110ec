// Package devchain runs embedded EVM development chains for `thx node --dev`
// and for tests.
//
// A Chain is go-ethereum's dev-mode engine (the simulated beacon driving an
// in-memory eth service, the engine behind ethclient/simulated) with a
// chain id of the caller's choice. It serves eth_, net_ and web3_ JSON-RPC
// over HTTP and WebSocket on 127.0.0.1 only, so MetaMask, ethers.js and
// viem can connect. Ports default to ones the system chooses; HTTPURL and
// WSURL return the addresses actually bound. Several chains with different
// chain ids run in one process: each copies go-ethereum's shared dev chain
// config before setting its chain id.
//
// Genesis funds Config.Accounts accounts derived from a BIP-39 mnemonic
// (TestMnemonic by default, whose account 0 is
// 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266) at m/44'/60'/0'/0/i.
//
// DeployExchange sets up what `thx node --dev` trades on: the test tokens
// THAL (18 decimals), USDC (6 decimals) and WETH (the wrapped native
// coin), the Exchange with account 0 as owner, operator and fee recipient
// by default, the markets THAL/USDC and WETH/USDC, and deposits of every
// token for the other accounts. It returns the addresses, the markets and
// the Exchange's deployment block (a Deployment).
//
// Block production: unless Config.Manual is set, a block is sealed as soon
// as transactions reach the pool, and an empty one after
// Config.BlockInterval without a block, unless the head's time is ahead
// of the wall clock. Each block's time is at least a second after its
// parent's, so without that rule a chain sealing more than a block a
// second would run ever further ahead of the wall clock. After
// PaceBlocks, which the node calls once the deployment is done, a chain
// that leads the wall clock seals at most a block a second, so
// settlements cannot push its lead further. DeployExchange holds sealing
// while it sends each wave of its setup, so the setup takes a few blocks.
// Commit, Fork, Rollback and
// AdjustTime drive the chain by hand; with Fork a test builds a reorg.
//
// Goroutines: with automatic production, one goroutine receives the
// transaction pool's events and wakes a second one that seals blocks.
// Chain.mu serializes every call into the beacon (sealing, Fork, Rollback,
// AdjustTime) because they share its fork-choice state. Close stops both
// goroutines before the node.
package devchain
