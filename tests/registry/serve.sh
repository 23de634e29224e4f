#!/bin/sh
# Starts Debian's docker-registry (distribution 2.8) on 127.0.0.1 at a free port, for tests
# and benchmarks. Loopback only; everything it keeps lives under DIR.
#
#   tests/registry/serve.sh DIR [USER PASSWORD]
#
# Prints the port on stdout once /v2/ answers. Writes DIR/registry.pid (stop it with
# `kill $(cat DIR/registry.pid)`), DIR/registry.log (its log: one line per request, e.g.
# `"GET /v2/test/layered/blobs/sha256:… HTTP/1.1" 200`, which tests count), DIR/storage/
# (the pushed images) and DIR/config.yml. With USER and PASSWORD, basic auth is required
# (htpasswd -Bbn, bcrypt, as the registry wants).
set -eu

dir=$1
mkdir -p "$dir/storage"
dir=$(cd "$dir" && pwd)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

auth=""
if [ $# -ge 3 ]; then
    htpasswd -Bbn "$2" "$3" > "$dir/htpasswd"
    auth="auth:
  htpasswd:
    realm: hako-test
    path: $dir/htpasswd"
fi

cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
  redirect:
    disable: true
http:
  addr: 127.0.0.1:$port
$auth
YML

# setsid: its own session, so the caller's Ctrl-C or process group kill does not reach it
# halfway through a test; the pid file is how it is stopped.
setsid docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 < /dev/null &
echo $! > "$dir/registry.pid"

tries=0
until code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/") && [ "$code" = 200 -o "$code" = 401 ]; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
        echo "serve.sh: docker-registry did not answer on 127.0.0.1:$port; its log:" >&2
        cat "$dir/registry.log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "$port"
