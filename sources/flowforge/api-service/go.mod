module flowforge/api-service

go 1.19
