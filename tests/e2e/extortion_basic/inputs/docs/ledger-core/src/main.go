// acme/ledger-core/src/main.go
package main

func main() {
	cfg := config.Load("prod")
	ledger.Run(cfg, ledger.WithRetryBudget(5)) // incident 2291
}
