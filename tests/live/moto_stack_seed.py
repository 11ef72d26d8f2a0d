# Seeds moto with what the stack makes beyond Identity Center, through boto3 (an implementation independent of
# the SDK this project reads with): an expiry schedule and its role, an orgEvents rule with its target, API
# destination, connection and dead-letter queue (one message waiting). Prints the ARNs it got.
import json
import sys

import boto3

url, given = sys.argv[1], json.loads(sys.argv[2])
kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
iam, scheduler = boto3.client("iam", **kw), boto3.client("scheduler", **kw)
events, sqs = boto3.client("events", **kw), boto3.client("sqs", **kw)

role = iam.create_role(
    RoleName="admin-access-expiry-role-1a2b3c4", AssumeRolePolicyDocument=json.dumps(given["trust"])
)["Role"]["Arn"]
iam.put_role_policy(
    RoleName="admin-access-expiry-role-1a2b3c4", PolicyName="expiry", PolicyDocument=json.dumps(given["policy"])
)
scheduler.create_schedule(
    Name=given["schedule"],
    ScheduleExpression="at(2099-01-01T00:00:00)",
    ScheduleExpressionTimezone="UTC",
    FlexibleTimeWindow={"Mode": "OFF"},
    Target={"Arn": given["target"], "RoleArn": role, "Input": json.dumps(given["input"])},
)
queue = sqs.create_queue(QueueName="admin-access-org-events-dlq-2222222")["QueueUrl"]
sqs.send_message(QueueUrl=queue, MessageBody="a dispatch GitHub refused")
queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
connection = events.create_connection(
    Name="admin-access-org-events-connection-1111111",
    AuthorizationType="API_KEY",
    AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": "Authorization", "ApiKeyValue": "Bearer x"}},
)["ConnectionArn"]
destination = events.create_api_destination(
    Name="admin-access-org-events-destination-abcdef0",
    ConnectionArn=connection,
    InvocationEndpoint=given["endpoint"],
    HttpMethod="POST",
)["ApiDestinationArn"]
rule = events.put_rule(
    Name="admin-access-org-events-0a1b2c3", EventPattern=json.dumps(given["pattern"]), State="ENABLED"
)["RuleArn"]
events.put_rule(Name="admin-access-org-events-target-elsewhere", EventPattern=json.dumps({"source": ["x"]}))
events.put_targets(
    Rule="admin-access-org-events-0a1b2c3",
    Targets=[{"Id": "t", "Arn": destination, "RoleArn": role, "DeadLetterConfig": {"Arn": queue_arn}}],
)
print(json.dumps({"role": role, "rule": rule, "destination": destination, "queue": queue_arn}))
