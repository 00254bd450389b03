variable "rce "aws_vpc_endpoint" "logs"ng
}

variable "ingress_ports" {
  type = list(number)
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "https" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_grourity_group.all.id]ttps" {
  security_group_id = aws_security_group.https.id
  ip_protocol       = "tcp"
  frs_vpc_endpoint" " 443
  to_port           = 443
  cidr_ipv4         = aws_vpc.main.cidr_block
}

resource "aws_security_group" "all" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_security_group" "dynamic" {
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.ingress_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.https.id]
}

resoushared_sg_id" {
  type = stri {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.logs"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [le" "h
}

resource "awom_port         =kms" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.dynamic.id]
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [var.shared_sg_id]
}
