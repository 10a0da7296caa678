#!/usr/bin/env bash
# Streamwarden on Managed Service for Apache Flink, over the AWS CLI (deploy/README.md is the runbook).
#
#   deploy/deploy.sh [--dry-run] [--region R] [--stack NAME] COMMAND [options]
#
#   deploy     --code-bucket B --stream S [--source-parallelism N] [--parallelism N] [--jar FILE] [--param K=V]...
#              upload the jar, create or update the stack, start the application (restoring its latest snapshot)
#   update-jar [--jar FILE]          upload a new jar and update the stack (Managed Flink snapshots, then restarts)
#   scale      --parallelism N [--parallelism-per-kpu N] [--source-parallelism N]
#   start      [--snapshot NAME | --skip-restore]
#   stop       [--force]             stop (taking a snapshot; --force: without one)
#   snapshot   [--name NAME]         take a snapshot now
#   snapshots                        list snapshots
#   restore    --snapshot NAME       stop, then start from that snapshot
#   rollback                         roll back to the previous application version (a failed update)
#   replay     --from ISO-INSTANT    read the stream again from an instant (state and positions reset)
#   status                           the application's status and the stack's alarms
#
# --dry-run prints every AWS call instead of making it (calls whose output later calls need are printed with a
# placeholder for that output). The CLI's own credentials and region settings apply.
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMPLATE="$HOME_DIR/deploy/streamwarden.yaml"
DRY_RUN=false
REGION_ARGS=()
STACK=streamwarden

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 2
}

# Dry-run lines go to the real stdout (fd 3), also from inside $(...), so they print in call order.
exec 3>&1

# An argument as a shell would need it typed: bare when safe, else in single quotes.
shell_quoted() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# Runs (or, dry, prints) one AWS CLI call; its output goes to stdout.
aws_call() {
  if $DRY_RUN; then
    local line="aws" arg
    for arg in ${REGION_ARGS[@]+"${REGION_ARGS[@]}"} "$@"; do
      line+=" $(shell_quoted "$arg")"
    done
    echo "$line" >&3
  else
    aws ${REGION_ARGS[@]+"${REGION_ARGS[@]}"} "$@"
  fi
}

# An AWS call whose output a later call needs: dry, it prints the call and returns the placeholder.
aws_query() {
  local placeholder="$1"
  shift
  if $DRY_RUN; then
    aws_call "$@"
    printf '%s' "$placeholder"
  else
    aws ${REGION_ARGS[@]+"${REGION_ARGS[@]}"} "$@"
  fi
}

# Stopping and updating take a while; the next call needs the application READY (15 minutes at most).
wait_until_ready() {
  local app="$1" status waited=0
  while true; do
    status="$(aws_query "READY" kinesisanalyticsv2 describe-application --application-name "$app" \
      --query "ApplicationDetail.ApplicationStatus" --output text)"
    [[ "$status" == READY ]] && return 0
    (( waited < 900 )) || fail "$app is still $status after 15 minutes"
    sleep 10
    waited=$((waited + 10))
  done
}

application_name() {
  aws_query "<ApplicationName>" cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='ApplicationName'].OutputValue" --output text
}

# A key that changes with the jar's content, so that an update is an update (the same key would look unchanged).
jar_key() {
  local jar="$1"
  [[ -f "$jar" ]] || fail "jar not found: $jar (build it with: mvn -DskipTests package)"
  local digest
  if command -v sha256sum > /dev/null; then
    digest="$(sha256sum "$jar")"
  else
    digest="$(shasum -a 256 "$jar")" # macOS
  fi
  [[ "$digest" =~ ^[0-9a-f]{64} ]] || fail "cannot hash $jar (need sha256sum or shasum)"
  echo "streamwarden/streamwarden-job-${digest:0:16}.jar"
}

upload_jar() {
  local jar="$1" bucket="$2" key="$3"
  aws_call s3 cp "$jar" "s3://$bucket/$key" --only-show-errors
}

# Create or update the stack; parameters not given keep their previous values on an update.
deploy_stack() {
  aws_call cloudformation deploy --stack-name "$STACK" --template-file "$TEMPLATE" \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "$@"
}

start_application() {
  local app="$1" restore="$2"
  aws_call kinesisanalyticsv2 start-application --application-name "$app" --run-configuration "$restore"
}

restore_latest='{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"},"FlinkRunConfiguration":{"AllowNonRestoredState":false}}'
skip_restore='{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"SKIP_RESTORE_FROM_SNAPSHOT"},"FlinkRunConfiguration":{"AllowNonRestoredState":false}}'

restore_snapshot() {
  printf '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_CUSTOM_SNAPSHOT","SnapshotName":"%s"},"FlinkRunConfiguration":{"AllowNonRestoredState":false}}' "$1"
}

while (( $# > 0 )); do
  case "$1" in
    --dry-run) DRY_RUN=true; shift ;;
    --region) [[ $# -ge 2 ]] || usage; REGION_ARGS=(--region "$2"); shift 2 ;;
    --stack) [[ $# -ge 2 ]] || usage; STACK="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) fail "unknown option $1" ;;
    *) break ;;
  esac
done
(( $# > 0 )) || usage
COMMAND="$1"
shift

JAR="$HOME_DIR/job/target/streamwarden-job.jar"
CODE_BUCKET=""
STREAM=""
SNAPSHOT=""
FROM=""
FORCE=false
SKIP=false
OVERRIDES=()
while (( $# > 0 )); do
  [[ $# -ge 2 || "$1" == --force || "$1" == --skip-restore ]] || fail "$1 needs a value"
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    --code-bucket) CODE_BUCKET="$2"; shift 2 ;;
    --stream) STREAM="$2"; shift 2 ;;
    --source-parallelism) OVERRIDES+=("SourceParallelism=$2"); shift 2 ;;
    --parallelism) OVERRIDES+=("Parallelism=$2"); shift 2 ;;
    --parallelism-per-kpu) OVERRIDES+=("ParallelismPerKPU=$2"); shift 2 ;;
    --param) [[ "$2" == *=* ]] || fail "--param takes KEY=VALUE, not $2"; OVERRIDES+=("$2"); shift 2 ;;
    --snapshot) SNAPSHOT="$2"; shift 2 ;;
    --name) SNAPSHOT="$2"; shift 2 ;;
    --from) FROM="$2"; shift 2 ;;
    --force) FORCE=true; shift ;;
    --skip-restore) SKIP=true; shift ;;
    *) fail "unknown option $1 for $COMMAND" ;;
  esac
done

case "$COMMAND" in
  deploy)
    [[ -n "$CODE_BUCKET" ]] || fail "deploy needs --code-bucket BUCKET (where the jar is uploaded)"
    [[ -n "$STREAM" ]] || fail "deploy needs --stream NAME (the Kinesis stream to read)"
    key="$(jar_key "$JAR")"
    # The jar must be in S3 before the stack creates the application.
    upload_jar "$JAR" "$CODE_BUCKET" "$key"
    deploy_stack "CodeBucketName=$CODE_BUCKET" "CodeKey=$key" "StreamName=$STREAM" ${OVERRIDES[@]+"${OVERRIDES[@]}"}
    # The stack creates the application but does not start it (an update of a running one restarts it itself).
    app="$(application_name)"
    status="$(aws_query "READY" kinesisanalyticsv2 describe-application --application-name "$app" \
      --query "ApplicationDetail.ApplicationStatus" --output text)"
    if [[ "$status" == READY ]]; then
      start_application "$app" "$restore_latest"
    fi
    ;;
  update-jar)
    bucket="$(aws_query "<CodeBucketName>" cloudformation describe-stacks --stack-name "$STACK" \
      --query "Stacks[0].Parameters[?ParameterKey=='CodeBucketName'].ParameterValue" --output text)"
    key="$(jar_key "$JAR")"
    upload_jar "$JAR" "$bucket" "$key"
    deploy_stack "CodeKey=$key" ${OVERRIDES[@]+"${OVERRIDES[@]}"}
    ;;
  scale)
    (( ${#OVERRIDES[@]} > 0 )) || fail "scale needs --parallelism N (and/or --parallelism-per-kpu, --source-parallelism)"
    deploy_stack "${OVERRIDES[@]}"
    ;;
  start)
    app="$(application_name)"
    if [[ -n "$SNAPSHOT" ]]; then
      start_application "$app" "$(restore_snapshot "$SNAPSHOT")"
    elif $SKIP; then
      start_application "$app" "$skip_restore"
    else
      start_application "$app" "$restore_latest"
    fi
    ;;
  stop)
    if $FORCE; then
      aws_call kinesisanalyticsv2 stop-application --application-name "$(application_name)" --force
    else
      aws_call kinesisanalyticsv2 stop-application --application-name "$(application_name)"
    fi
    ;;
  snapshot)
    [[ -n "$SNAPSHOT" ]] || SNAPSHOT="streamwarden-$(date -u +%Y%m%dT%H%M%SZ)"
    aws_call kinesisanalyticsv2 create-application-snapshot --application-name "$(application_name)" \
      --snapshot-name "$SNAPSHOT"
    ;;
  snapshots)
    aws_call kinesisanalyticsv2 list-application-snapshots --application-name "$(application_name)" \
      --query "SnapshotSummaries[].[SnapshotName,SnapshotCreationTimestamp,SnapshotStatus]" --output table
    ;;
  restore)
    [[ -n "$SNAPSHOT" ]] || fail "restore needs --snapshot NAME (deploy.sh snapshots lists them)"
    app="$(application_name)"
    aws_call kinesisanalyticsv2 stop-application --application-name "$app"
    wait_until_ready "$app"
    start_application "$app" "$(restore_snapshot "$SNAPSHOT")"
    ;;
  rollback)
    app="$(application_name)"
    version="$(aws_query "<ApplicationVersionId>" kinesisanalyticsv2 describe-application --application-name "$app" \
      --query "ApplicationDetail.ApplicationVersionId" --output text)"
    aws_call kinesisanalyticsv2 rollback-application --application-name "$app" \
      --current-application-version-id "$version"
    ;;
  replay)
    [[ -n "$FROM" ]] || fail "replay needs --from ISO-INSTANT, e.g. 2026-12-01T03:00:00Z"
    [[ "$FROM" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$ ]] || fail "--from '$FROM' is not an ISO-8601 instant (UTC, ...Z)"
    app="$(application_name)"
    aws_call kinesisanalyticsv2 stop-application --application-name "$app"
    wait_until_ready "$app"
    deploy_stack "InitialPosition=AT_TIMESTAMP" "InitialTimestamp=$FROM"
    # Without a snapshot the consumer starts at the configured position; keyed state starts empty.
    start_application "$app" "$skip_restore"
    ;;
  status)
    app="$(application_name)"
    aws_call kinesisanalyticsv2 describe-application --application-name "$app" \
      --query "ApplicationDetail.[ApplicationName,ApplicationStatus,ApplicationVersionId,RuntimeEnvironment]" \
      --output text
    aws_call cloudwatch describe-alarms --alarm-name-prefix "$app-" \
      --query "MetricAlarms[].[AlarmName,StateValue]" --output table
    ;;
  *) fail "unknown command $COMMAND (deploy.sh --help)" ;;
esac
