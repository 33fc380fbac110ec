package dapp

import "errors"

// ErrNoBuild means the embedded dist directory holds no built dApp.
var ErrNoBuild = errors.New("dapp: no built dApp embedded")
