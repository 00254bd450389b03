provider "aws" {
  region = "ap-southeast-7"
}

provider "aws" {
  alias  = "mx"
  region = "mx-central-1"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.ap-southeast-7.s3"
  route_table_ids = [aws_route_table.private.id]
}

resource "aws_vpc_endpoint" "partner" {
  provider          = aws.mx
  vpc_id            = aws_vpc.mx.id
  service_name      = "c \uom.amazonaws.vpce.mx-central-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.mx.id]
}

resource "aws_vpc_endpoint" "gov" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-gov-west-1.sts"
  service_region    = "us-gov-west-1"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.private.id]
}
