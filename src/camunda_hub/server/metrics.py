"""Process-local counters and latency histograms, rendered in the Prometheus text format."""

from __future__ import annotations

from collections import defaultdict

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def _labels(**labels: str) -> str:
    inner = ",".join(
        f'{name}="{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34)).replace(chr(10), " ")}"'
        for name, value in labels.items()
    )
    return "{" + inner + "}"


class Metrics:
    def __init__(self) -> None:
        self.tokens_issued: dict[str, int] = defaultdict(int)
        self.token_failures: dict[tuple[str, str], int] = defaultdict(int)
        self.verify_cache_hits = 0
        self.verify_cache_misses = 0
        self.bearer_failures: dict[str, int] = defaultdict(int)
        self._latency: dict[tuple[str, str], list[float]] = {}
        self._latency_sum: dict[tuple[str, str], float] = defaultdict(float)

    def token_issued(self, client_id: str) -> None:
        self.tokens_issued[client_id] += 1

    def token_failure(self, client_id: str | None, reason: str) -> None:
        # An unknown id is attacker-chosen text: bucket it instead of growing a label per value.
        self.token_failures[("known" if client_id else "none", reason)] += 1

    def observe(self, route: str, method: str, seconds: float) -> None:
        key = (route, method)
        counts = self._latency.get(key)
        if counts is None:
            counts = self._latency[key] = [0.0] * (len(LATENCY_BUCKETS) + 1)
        for index, bound in enumerate(LATENCY_BUCKETS):
            if seconds <= bound:
                counts[index] += 1
                break
        else:
            counts[-1] += 1
        self._latency_sum[key] += seconds

    def render(self, *, per_client: bool = False) -> str:
        """``per_client``: one token series per client id. Only behind the metrics token: the
        ids of every organization's clients are nobody else's business."""
        if per_client:
            lines = [
                "# HELP camunda_hub_tokens_issued_total Access tokens issued, by client.",
                "# TYPE camunda_hub_tokens_issued_total counter",
            ]
            lines += [
                f"camunda_hub_tokens_issued_total{_labels(client_id=cid)} {n}"
                for cid, n in sorted(self.tokens_issued.items())
            ]
        else:
            lines = [
                "# HELP camunda_hub_tokens_issued_total Access tokens issued.",
                "# TYPE camunda_hub_tokens_issued_total counter",
                f"camunda_hub_tokens_issued_total {sum(self.tokens_issued.values())}",
            ]
        lines += [
            "# HELP camunda_hub_token_failures_total Refused token requests, by reason.",
            "# TYPE camunda_hub_token_failures_total counter",
        ]
        lines += [
            f"camunda_hub_token_failures_total{_labels(client=who, reason=reason)} {n}"
            for (who, reason), n in sorted(self.token_failures.items())
        ]
        lines += [
            "# HELP camunda_hub_verified_token_cache_total Bearer checks answered from the cache.",
            "# TYPE camunda_hub_verified_token_cache_total counter",
            f'camunda_hub_verified_token_cache_total{{result="hit"}} {self.verify_cache_hits}',
            f'camunda_hub_verified_token_cache_total{{result="miss"}} {self.verify_cache_misses}',
            "# HELP camunda_hub_bearer_failures_total Refused bearer tokens, by error.",
            "# TYPE camunda_hub_bearer_failures_total counter",
        ]
        lines += [
            f"camunda_hub_bearer_failures_total{_labels(error=err)} {n}"
            for err, n in sorted(self.bearer_failures.items())
        ]
        lines += [
            "# HELP camunda_hub_request_duration_seconds Request latency by route.",
            "# TYPE camunda_hub_request_duration_seconds histogram",
        ]
        for (route, method), counts in sorted(self._latency.items()):
            cumulative = 0.0
            for bound, count in zip((*LATENCY_BUCKETS, float("inf")), counts, strict=True):
                cumulative += count
                le = "+Inf" if bound == float("inf") else repr(bound)
                lines.append(
                    "camunda_hub_request_duration_seconds_bucket"
                    f"{_labels(route=route, method=method, le=le)} {int(cumulative)}"
                )
            lines.append(
                f"camunda_hub_request_duration_seconds_sum{_labels(route=route, method=method)} "
                f"{self._latency_sum[(route, method)]:.6f}"
            )
            lines.append(
                f"camunda_hub_request_duration_seconds_count{_labels(route=route, method=method)} "
                f"{int(cumulative)}"
            )
        return "\n".join(lines) + "\n"
