region         = "eu-west-1"
vpc_cidr       = "10.10.0.0/16"
analytics_cidr = "10.20.0.0/16"
