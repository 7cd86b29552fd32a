module flowforge/worker-service

go 1.19
