# paas's gunicorn defaults (GUNICORN_CMD_ARGS points here unless the app has its own gunicorn.conf.py).
import os

# Containers share the host network: listen on loopback, on the port paas assigned (nginx proxies to it).
bind = ["127.0.0.1:" + os.environ.get("PORT", "8000")]
# Heroku's convention: WEB_CONCURRENCY workers, by default 2 x cores + 1.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * len(os.sched_getaffinity(0)) + 1)
# nginx on the same host sets X-Forwarded-*.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
graceful_timeout = 25
