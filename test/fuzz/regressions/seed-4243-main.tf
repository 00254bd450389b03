provider "aws" {
  region = "us-east1"
}

resource "
  service_region    = "
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-wset-1.s3"
  route_table_ids = [aws_route_table.private.id]
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-4.kms"aws_vpc_endpoint" "s3" {eu-west-4"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.private.id]
}
