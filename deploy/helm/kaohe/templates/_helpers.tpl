{{/* Labels every object of one application carries. */}}
{{- define "kaohe.labels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: kaohe
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* The labels that select one application's pods. */}}
{{- define "kaohe.selector" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "kaohe.image" -}}
{{- $registry := .root.Values.image.registry | default "kaohe" | trimSuffix "/" -}}
{{ printf "%s/%s:%s" $registry .app .root.Values.image.tag }}
{{- end }}

{{/* An https URL, or a render failure naming the value. */}}
{{- define "kaohe.httpsUrl" -}}
{{- $value := required (printf "%s is required: %s" .name .what) .value -}}
{{- if not (hasPrefix "https://" $value) -}}
{{- fail (printf "%s must be an https:// URL (browsers log in through TLS), not %q" .name $value) -}}
{{- end -}}
{{ $value | trimSuffix "/" }}
{{- end }}

{{/*
Everything the platform cannot run without, checked before anything renders: a missing value
fails the render with the value's name and what to put there. Nothing secret has a default.
*/}}
{{- define "kaohe.validate" -}}
{{- $v := .Values -}}
{{- include "kaohe.httpsUrl" (dict "name" "publicUrl" "value" $v.publicUrl "what" "the portal's https address, e.g. https://kaohe.example.gov.cn") -}}
{{- include "kaohe.httpsUrl" (dict "name" "issuerUri" "value" $v.issuerUri "what" "the kaohe realm's issuer over https, e.g. https://sso.example.gov.cn/realms/kaohe") -}}
{{- required "secrets.app is required: the name of the Secret with GATEWAY_CLIENT_SECRET, KAOHE_SERVICES_SECRET, KAOHE_DIRECTORY_SECRET, KAOHE_WEBHOOK_SECRET, S3_ACCESS_KEY, S3_SECRET_KEY and REDIS_PASSWORD (README.md, Secrets)" $v.secrets.app -}}
{{- range $db := list "rubric" "evidence" "scoring" "workflow" "notification" "audit" -}}
{{- required (printf "secrets.databases.%s is required: the name of the Secret with DB_USER and DB_PASSWORD of the %s database's role" $db $db) (index $v.secrets.databases $db) -}}
{{- end -}}
{{- required "postgresql.host is required: the county's PostgreSQL server" $v.postgresql.host -}}
{{- required "kafka.bootstrap is required: the Kafka cluster's bootstrap servers" $v.kafka.bootstrap -}}
{{- if lt (int $v.kafka.replicationFactor) 3 -}}
{{- fail (printf "kafka.replicationFactor is %v: a cluster install needs 3 or more (a lost broker must not lose events)" $v.kafka.replicationFactor) -}}
{{- end -}}
{{- if or (lt (int $v.kafka.minInsyncReplicas) 2) (ge (int $v.kafka.minInsyncReplicas) (int $v.kafka.replicationFactor)) -}}
{{- fail (printf "kafka.minInsyncReplicas is %v: use 2 or more and less than kafka.replicationFactor" $v.kafka.minInsyncReplicas) -}}
{{- end -}}
{{- required "s3.endpoint is required: the object store (MinIO, Ceph, Alibaba OSS, Tencent COS)" $v.s3.endpoint -}}
{{- required "mail.host is required: the county's SMTP server notification-service mails through" $v.mail.host -}}
{{- required "mail.from is required: the sender address, e.g. 考核平台 <kaohe-noreply@example.gov.cn>" $v.mail.from -}}
{{- required "redis.host is required: Redis keeps the gateway's sessions for all its replicas" $v.redis.host -}}
{{- with (index $v.apps "audit-service") -}}
{{- required "audit.runtimeRole is required: the append-only role audit-service works as (kaohe_audit_runtime)" $v.audit.runtimeRole -}}
{{- if and (eq $v.audit.archive.accessMode "ReadWriteOnce") (gt (int .replicas) 1) -}}
{{- fail (printf "apps.audit-service.replicas is %v but audit.archive.accessMode is ReadWriteOnce: every replica writes the same archive folder; use ReadWriteMany storage or 1 replica" .replicas) -}}
{{- end -}}
{{- if .autoscaling.enabled -}}
{{- fail "apps.audit-service.autoscaling.enabled must stay false: appends to the audit chain are serialized, and the replicas share one archive claim" -}}
{{- end -}}
{{- end -}}
{{- if $v.networkPolicy.enabled -}}
{{- range $name, $service := $v.networkPolicy.egress -}}
{{- /* webhooks: optional, only where people use webhooks or robots */ -}}
{{- if and (ne $name "webhooks") (empty $service.cidrs) (empty $service.namespace) -}}
{{- fail (printf "networkPolicy.egress.%s needs cidrs (outside the cluster) or namespace (inside it): the pods may reach nothing else" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/* A NetworkPolicy peer list for one managed service: its CIDRs or its namespace. */}}
{{- define "kaohe.egressTo" -}}
- to:
{{- range .cidrs }}
    - ipBlock:
        cidr: {{ . }}
{{- end }}
{{- if .namespace }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .namespace }}
{{- end }}
  ports:
{{- range .ports }}
    - protocol: TCP
      port: {{ . }}
{{- end }}
{{- end }}
