"""Every Kustomize overlay renders, validates strictly, and keeps Dojo's safety properties."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OVERLAYS = ROOT / "deploy" / "kustomize" / "overlays"
OVERLAY_NAMES = sorted(p.name for p in OVERLAYS.iterdir() if (p / "kustomization.yaml").exists())
KUBECTL = shutil.which("kubectl")
KUBERNETES_VERSION = "1.32.0"
UNITS = {"m": 0.001, "": 1, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}

needs_kubectl = pytest.mark.skipif(KUBECTL is None, reason="the kubectl binary is not on PATH")


def quantity(text: str | int) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(text)).groups()
    return float(number) * UNITS[unit]


def render(overlay: str) -> str:
    return subprocess.run([KUBECTL, "kustomize", str(OVERLAYS / overlay)], check=True,
                          capture_output=True, text=True).stdout


_rendered: dict[str, list[dict[str, Any]]] = {}


def documents(overlay: str) -> list[dict[str, Any]]:
    if overlay not in _rendered:
        _rendered[overlay] = [d for d in yaml.safe_load_all(render(overlay)) if d]
    return _rendered[overlay]


def one(overlay: str, kind: str, name: str | None = None) -> dict[str, Any]:
    found = [d for d in documents(overlay) if d["kind"] == kind
             and (name is None or d["metadata"]["name"] == name)]
    assert len(found) == 1, f"{overlay}: expected one {kind} {name or ''}, got {len(found)}"
    return found[0]


def container(overlay: str) -> dict[str, Any]:
    (dojo,) = one(overlay, "StatefulSet")["spec"]["template"]["spec"]["containers"]
    return dojo


def test_there_are_dev_and_prod_overlays() -> None:
    assert {"dev", "prod"} <= set(OVERLAY_NAMES)


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_overlay_renders_and_validates_strictly(overlay: str, tmp_path: Path) -> None:
    if importlib.util.find_spec("kubernetes_validate") is None:
        pytest.skip("the kubernetes_validate module is not installed (pip kubernetes-validate)")
    manifest = tmp_path / f"{overlay}.yaml"
    manifest.write_text(render(overlay))
    done = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet",
                           "--kubernetes-version", KUBERNETES_VERSION, str(manifest)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_one_writer_a_statefulset_of_one_replica_with_a_rwo_volume(overlay: str) -> None:
    spec = one(overlay, "StatefulSet", "dojo")["spec"]
    assert spec["replicas"] == 1
    assert not [d for d in documents(overlay) if d["kind"] in
                ("Deployment", "HorizontalPodAutoscaler", "ReplicaSet")]
    (claim,) = spec["volumeClaimTemplates"]
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]
    mounts = {m["name"]: m["mountPath"] for m in container(overlay)["volumeMounts"]}
    assert mounts[claim["metadata"]["name"]] == "/var/lib/dojo"


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_configmap_points_dojo_at_the_volume(overlay: str) -> None:
    config = one(overlay, "ConfigMap")
    assert config["data"]["DOJO_DB"] == "/var/lib/dojo/dojo.duckdb"
    assert config["data"]["DOJO_HOST"] == "0.0.0.0"
    assert config["data"]["DOJO_PORT"] == "8000"
    refs = [e["configMapRef"]["name"] for e in container(overlay)["envFrom"]]
    assert refs == [config["metadata"]["name"]]


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_probes_startup_and_readiness_on_readyz_liveness_on_healthz(overlay: str) -> None:
    dojo = container(overlay)
    ports = {p["name"]: p["containerPort"] for p in dojo["ports"]}
    assert ports == {"http": 8000}
    for probe, path in (("startupProbe", "/readyz"), ("readinessProbe", "/readyz"),
                        ("livenessProbe", "/healthz")):
        assert dojo[probe]["httpGet"] == {"path": path, "port": "http"}, probe
    startup = dojo["startupProbe"]
    # Migrations and a read-model rebuild happen before the first 200: allow minutes.
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_restricted_security_context_and_writable_tmp_only(overlay: str) -> None:
    pod = one(overlay, "StatefulSet")["spec"]["template"]["spec"]
    dojo = container(overlay)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    context = dojo["securityContext"]
    assert context["runAsNonRoot"] is True
    assert context["runAsUser"] == 10001
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert context["seccompProfile"] == {"type": "RuntimeDefault"}
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in dojo["volumeMounts"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    assert set(mounts) == {"/tmp", "/var/lib/dojo"}


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_image_is_pinned_to_a_released_version(overlay: str) -> None:
    image = container(overlay)["image"]
    assert re.fullmatch(r"[a-z0-9./-]+:\d+\.\d+\.\d+", image), image


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_requests_and_limits_for_cpu_and_memory(overlay: str) -> None:
    resources = container(overlay)["resources"]
    for kind in ("cpu", "memory"):
        assert quantity(resources["requests"][kind]) <= quantity(resources["limits"][kind])


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_no_service_account_token_is_mounted(overlay: str) -> None:
    account = one(overlay, "ServiceAccount")
    pod = one(overlay, "StatefulSet")["spec"]["template"]["spec"]
    assert account["automountServiceAccountToken"] is False
    assert pod["automountServiceAccountToken"] is False
    assert pod["serviceAccountName"] == account["metadata"]["name"]


DNS = {"to": [{"namespaceSelector": {"matchLabels": {
    "kubernetes.io/metadata.name": "kube-system"}}}],
       "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]}


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return bool(selector["matchLabels"].items() <= labels.items())


def server_labels(overlay: str) -> Any:
    return one(overlay, "StatefulSet")["spec"]["template"]["metadata"]["labels"]


def backup_pod(overlay: str) -> Any:
    return one(overlay, "CronJob", "dojo-backup")["spec"]["jobTemplate"]["spec"]["template"]


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_network_policies_deny_by_default_admit_ingress_nginx_backups_and_dns_only(
        overlay: str) -> None:
    policies = {d["metadata"]["name"]: d["spec"] for d in documents(overlay)
                if d["kind"] == "NetworkPolicy"}
    deny = policies.pop("default-deny")
    assert deny["podSelector"] == {}
    assert sorted(deny["policyTypes"]) == ["Egress", "Ingress"]
    assert "ingress" not in deny and "egress" not in deny
    allow, backup = policies.pop("dojo"), policies.pop("dojo-backup")
    assert not policies
    backup_labels = backup_pod(overlay)["metadata"]["labels"]
    assert selects(allow["podSelector"], server_labels(overlay))
    assert not selects(allow["podSelector"], backup_labels)
    assert sorted(allow["policyTypes"]) == ["Egress", "Ingress"]
    from_nginx, from_backups = allow["ingress"]
    assert from_nginx == {
        "from": [{"namespaceSelector": {"matchLabels": {
            "kubernetes.io/metadata.name": "ingress-nginx"}}}],
        "ports": [{"protocol": "TCP", "port": 8000}]}
    (peer,) = from_backups["from"]
    assert set(peer) == {"podSelector"} and selects(peer["podSelector"], backup_labels)
    assert from_backups["ports"] == [{"protocol": "TCP", "port": 8000}]
    assert allow["egress"] == [DNS]
    # The backup pods: nothing reaches them; they reach the server's port and DNS only.
    assert selects(backup["podSelector"], backup_labels)
    assert not selects(backup["podSelector"], server_labels(overlay))
    assert sorted(backup["policyTypes"]) == ["Egress", "Ingress"] and "ingress" not in backup
    to_server, dns = backup["egress"]
    (peer,) = to_server["to"]
    assert set(peer) == {"podSelector"} and selects(peer["podSelector"], server_labels(overlay))
    assert to_server["ports"] == [{"protocol": "TCP", "port": 8000}]
    assert dns == DNS


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_nightly_backup_cronjob_asks_the_running_server_and_keeps_the_newest(
        overlay: str) -> None:
    cron = one(overlay, "CronJob", "dojo-backup")["spec"]
    minute, hour, *every = cron["schedule"].split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit(), "once a night"
    assert cron["concurrencyPolicy"] == "Forbid"
    assert 1 <= cron["successfulJobsHistoryLimit"] <= 5
    assert 1 <= cron["failedJobsHistoryLimit"] <= 5
    pod = backup_pod(overlay)["spec"]
    (box,) = pod["containers"]
    assert box["image"] == container(overlay)["image"], "the same image and version"
    command = box["command"]
    assert command[:2] == ["dojo", "backup"]
    options = dict(zip(command[2:-1:2], command[3:-1:2], strict=True))
    # It asks the Service that fronts the server, on one of that Service's ports.
    url = re.fullmatch(r"http://([a-z0-9-]+)(?::(\d+))?", options["--url"])
    assert url, options["--url"]
    service = one(overlay, "Service", url[1])["spec"]
    assert int(url[2] or 80) in [p["port"] for p in service["ports"]]
    assert selects({"matchLabels": service["selector"]}, server_labels(overlay))
    assert int(options["--keep"]) >= 7
    mounts = {m["name"]: m for m in box["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    (token,) = [n for n, m in mounts.items() if options["--token-file"].startswith(
        m["mountPath"] + "/")]
    assert mounts[token]["readOnly"] is True
    assert volumes[token]["secret"]["secretName"]
    # The file names carry the time, on the backups' own claim.
    out = command[-1]
    (claim,) = [n for n, m in mounts.items() if out.startswith(m["mountPath"] + "/")]
    assert "{timestamp}" in out
    claim_name = volumes[claim]["persistentVolumeClaim"]["claimName"]
    claim_spec = one(overlay, "PersistentVolumeClaim", claim_name)["spec"]
    assert claim_spec["accessModes"] == ["ReadWriteOnce"]
    data_claim = one(overlay, "StatefulSet")["spec"]["volumeClaimTemplates"][0]["metadata"]
    assert claim_name != data_claim["name"], "never the database's own volume"


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_backup_pods_are_restricted_and_stay_out_of_the_services(overlay: str) -> None:
    template = backup_pod(overlay)
    pod = template["spec"]
    (box,) = pod["containers"]
    assert pod["securityContext"] == one(overlay, "StatefulSet")["spec"]["template"]["spec"][
        "securityContext"]
    context = box["securityContext"]
    assert context["runAsNonRoot"] is True and context["runAsUser"] == 10001
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert context["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    assert pod["restartPolicy"] in ("Never", "OnFailure")
    for kind in ("cpu", "memory"):
        assert quantity(box["resources"]["requests"][kind]) <= quantity(
            box["resources"]["limits"][kind])
    for service in (d for d in documents(overlay) if d["kind"] == "Service"):
        assert not selects({"matchLabels": service["spec"]["selector"]},
                           template["metadata"]["labels"]), service["metadata"]["name"]


@needs_kubectl
@pytest.mark.parametrize("overlay", OVERLAY_NAMES)
def test_ingress_routes_to_the_service_on_the_pod_port(overlay: str) -> None:
    ingress = one(overlay, "Ingress")["spec"]
    backend = ingress["rules"][0]["http"]["paths"][0]["backend"]["service"]
    service = one(overlay, "Service", backend["name"])["spec"]
    (port,) = [p for p in service["ports"] if p["name"] == backend["port"]["name"]]
    assert port["targetPort"] == "http"


@needs_kubectl
def test_prod_has_tls_more_storage_more_resources_and_a_pinned_version() -> None:
    ingress = one("prod", "Ingress")["spec"]
    (tls,) = ingress["tls"]
    assert tls["secretName"]
    assert tls["hosts"] == [ingress["rules"][0]["host"]]
    assert one("prod", "ConfigMap")["data"].get("DOJO_SECURE_COOKIES") == "1"

    def storage(overlay: str) -> float:
        claim = one(overlay, "StatefulSet")["spec"]["volumeClaimTemplates"][0]
        return quantity(claim["spec"]["resources"]["requests"]["storage"])

    assert storage("prod") > storage("dev")
    for bound in ("requests", "limits"):
        for kind in ("cpu", "memory"):
            assert (quantity(container("prod")["resources"][bound][kind])
                    > quantity(container("dev")["resources"][bound][kind])), (bound, kind)


MAINTENANCE = sorted((ROOT / "deploy" / "kustomize" / "maintenance").glob("*.yaml"))


def maintenance_pod(path: Path) -> dict[str, Any]:
    (document,) = yaml.safe_load_all(path.read_text())
    return document["spec"]["template"] if document["kind"] == "Job" else document


@pytest.mark.parametrize("path", MAINTENANCE, ids=lambda p: p.name)
def test_maintenance_manifests_validate_strictly(path: Path) -> None:
    if importlib.util.find_spec("kubernetes_validate") is None:
        pytest.skip("the kubernetes_validate module is not installed (pip kubernetes-validate)")
    done = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet",
                           "--kubernetes-version", KUBERNETES_VERSION, str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_kubectl
@pytest.mark.parametrize("path", MAINTENANCE, ids=lambda p: p.name)
def test_maintenance_pods_mount_the_statefulsets_volume_and_stay_out_of_its_service(
        path: Path) -> None:
    statefulset = one("prod", "StatefulSet")
    claim = (f"{statefulset['spec']['volumeClaimTemplates'][0]['metadata']['name']}-"
             f"{statefulset['metadata']['name']}-0")
    pod = maintenance_pod(path)
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["spec"]["volumes"]
              if "persistentVolumeClaim" in v]
    assert claims == [claim]
    selector = one("prod", "Service", "dojo")["spec"]["selector"]
    assert not selector.items() <= pod["metadata"].get("labels", {}).items()
    (box,) = pod["spec"]["containers"]
    assert box["securityContext"]["readOnlyRootFilesystem"] is True
    assert box["securityContext"]["capabilities"] == {"drop": ["ALL"]}
    assert pod["spec"]["securityContext"]["runAsUser"] == 10001
    assert pod["spec"]["automountServiceAccountToken"] is False
