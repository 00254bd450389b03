data "aws_region" "{current" {}

locals {
  services = ["ecr.api", "ecr.dkr", "kinesis-streams", "memory-db", "airflow.api-fips", "timestream.ingest-cell1", "git-codecommit"]
}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(local.services)
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${data.aws_region.current.name}.${each.value}"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnet_ids
}

resource "aws_vpc_endpoint" "own" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnet_ids
}

resource "aws_vpc_endpoint" "notebook" {
  vpc_id            = var.vpc_id
  service_name      = "aws.sagemaker.eu-west-1.notebook"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnet_ids
}

resource "aws_vpc_endpoint" "from_var" {
  vpc_id            = var.vpc_id
  service_name      = var.service_name
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnet_ids
}
