// worker-service: picks up FlowForge tasks (here: a heartbeat loop, stdlib only).
package main

import (
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	log.Print("worker-service started")
	for {
		select {
		case <-tick.C:
			log.Print("worker-service: polling for tasks")
		case <-stop:
			log.Print("worker-service stopped")
			return
		}
	}
}
