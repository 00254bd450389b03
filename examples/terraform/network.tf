terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type        = string
  description = "Region the network is deployed to."
}

variable "vpc_cidr" {
  type = string
}

variable "analytics_cidr" {
  type = string
}

data "aws_availability_zones" "available" {
  state = "available"
}

# The application VPC, which owns the endpoints.
resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "app" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# A second VPC, peered with the first, whose instances also read from S3.
resource "aws_vpc" "analytics" {
  cidr_block           = var.analytics_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "analytics" }
}

resource "aws_route_table" "analytics" {
  vpc_id = aws_vpc.analytics.id
}

resource "aws_vpc_peering_connection" "analytics" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = aws_vpc.analytics.id
  auto_accept = true
}

# Sends the analytics VPC's S3 traffic over the peering to the app VPC's gateway endpoint.
resource "aws_route" "analytics_s3" {
  route_table_id             = aws_route_table.analytics.id
  destination_prefix_list_id = aws_vpc_endpoint.s3.prefix_list_id
  vpc_peering_connection_id  = aws_vpc_peering_connection.analytics.id
}

resource "aws_security_group" "endpoints" {
  name   = "vpc-endpoints"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_security_group" "legacy_endpoints" {
  name   = "legacy-vpc-endpoints"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "HTTP from the VPC"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}
