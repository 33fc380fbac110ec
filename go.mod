module github.com/thaliumx/thaliumx

go 1.26.8

require (
	github.com/ethereum/go-ethereum v1.17.10
	github.com/google/btree v1.1.3
	github.com/holiman/uint256 v1.3.2
	github.com/urfave/cli/v2 v2.27.7
)

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.7 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1 // indirect
	golang.org/x/sys v0.47.0 // indirect
)
