# Sourced by the cluster benchmarks (cluster-list-bench.sh, rebalance-bench.sh): starts one
# sshd per address in `hosts` on a free port, with keys made for this run, and writes a relay
# config (fnv1a_ch over the three) and a cluster file whose nodes keep their storage under
# `$work/nodeN/whisper` and run `$tool` (default `$root/whisper`). Needs `root`, `work` and
# `hosts`; sets `run`, `ports`, `ssh_opts` and `pids`, and stops the sshds and ssh masters on
# exit, then calls `bench_cleanup` if the script defines it. Each session's shell starts in an
# empty home of the run's own (below), not root's.
run=$(mktemp -d "$work/run.XXXXXX")
pids=()
cleanup() {
  for h in "${!hosts[@]}"; do
    ssh "${ssh_opts[@]}" -p "${ports[$h]}" -O exit "root@${hosts[$h]}" 2>/dev/null || true
  done
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null || true
  rm -rf "$run"
  if [[ $(type -t bench_cleanup) == function ]]; then bench_cleanup; fi
}
trap cleanup EXIT
ssh-keygen -q -t ed25519 -N '' -f "$run/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$run/client_key"
cp "$run/client_key.pub" "$run/authorized_keys"
# The sessions' shell starts in a home of its own, empty: a storage node's account has no
# heavy shell start-up, and root's ~/.bashrc here (pyenv init, which takes a lock) cost each
# session 0.13 s, one session after another, in the floor as much as in our runs.
mkdir -p "$run/home"
ports=()
for h in "${!hosts[@]}"; do
  port=$(/usr/bin/python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "${hosts[$h]}")
  ports+=("$port")
  cat >"$run/sshd_$h" <<CONF
ListenAddress ${hosts[$h]}:$port
HostKey $run/host_key
PidFile $run/sshd_$h.pid
AuthorizedKeysFile $run/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxSessions 20
LogLevel ERROR
SetEnv HOME=$run/home
CONF
  /usr/sbin/sshd -D -e -f "$run/sshd_$h" 2>>"$run/sshd.log" &
  pids+=($!)
done
ssh_opts=(-F /dev/null -i "$run/client_key" -o IdentitiesOnly=yes -o UserKnownHostsFile="$run/known_hosts"
  -o StrictHostKeyChecking=no -o LogLevel=ERROR -o BatchMode=yes -o ControlMaster=auto
  -o ControlPath="$run/cm-%C" -o ControlPersist=300)
printf 'cluster bench\n  fnv1a_ch replication 1\n    127.0.0.2:2003\n    127.0.0.3:2003\n    127.0.0.4:2003\n  ;\nmatch * send to bench stop;\n' >"$run/relay.conf"
{
  printf '[cluster]\nring = relay.conf\nssh = root@{host}\ncommand = env WHISPER_NO_BUILD=1 %s\n' "${tool:-$root/whisper}"
  for h in "${!hosts[@]}"; do
    printf '\n[node %s:2003]\nstorage = %s/node%d/whisper\nssh-options = %s -p %s\n' \
      "${hosts[$h]}" "$work" "$h" "${ssh_opts[*]}" "${ports[$h]}"
  done
} >"$run/cluster.conf"
for h in "${!hosts[@]}"; do # wait for each sshd, and open the master connections
  for _ in $(seq 50); do
    ssh "${ssh_opts[@]}" -p "${ports[$h]}" "root@${hosts[$h]}" true 2>/dev/null && break
    sleep 0.2
  done
done
