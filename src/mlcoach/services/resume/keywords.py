"""Keywords an ATS looks for: a synonym table, the keywords of a role profile or a job description,
and matching them in resume text whatever spelling the candidate used (k8s = Kubernetes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mlcoach.domain.profiles import RoleProfile


@dataclass(frozen=True)
class Term:
    """One keyword: its usual spelling, other spellings, and how to find bank items that teach it."""

    name: str
    aliases: tuple[str, ...] = ()
    query: str = ""  # full-text query for the bank; default: the name
    topic: str = ""  # taxonomy topic to fall back on when the query finds nothing
    exact_case: bool = False  # short names such as "R" match only in this case

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _t(name: str, *aliases: str, q: str = "", topic: str = "", exact_case: bool = False) -> Term:
    return Term(name, aliases, q, topic, exact_case)


TERMS: tuple[Term, ...] = (
    # languages and libraries
    _t("Python", "python3", topic="python"),
    _t("SQL", "t-sql", "postgresql", "mysql", "sqlite", topic="sql"),
    _t("R", "rstudio", "tidyverse", q="statistics", exact_case=True),
    _t("Scala", topic="data-engineering"),
    _t("Java", topic="algorithms"),
    _t("C++", "cpp", topic="model-serving"),
    _t("Bash", "shell scripting", "shell scripts", "shell", topic="mlops"),
    _t("PyTorch", "torch", topic="deep-learning"),
    _t("TensorFlow", "tf.keras", topic="deep-learning"),
    _t("Keras", topic="deep-learning"),
    _t("JAX", "flax", topic="deep-learning"),
    _t("scikit-learn", "sklearn", "scikit learn", q="sklearn", topic="classical-ml"),
    _t("XGBoost", q="boosting", topic="classical-ml"),
    _t("LightGBM", q="boosting", topic="classical-ml"),
    _t("gradient boosting", "gradient-boosted trees", "gbdt", "gbm", "xgboost", "lightgbm", "catboost",
       q="boosting", topic="classical-ml"),
    _t("pandas", topic="python"),
    _t("NumPy", topic="python"),
    _t("statsmodels", q="regression", topic="statistics"),
    _t("Jupyter", "jupyter notebooks", "jupyterlab", topic="python"),
    _t("Hugging Face transformers", "hugging face", "huggingface", "hf transformers", "transformers library",
       q="hugging face"),
    _t("PEFT", "parameter-efficient fine-tuning", q="peft", topic="fine-tuning"),
    _t("TRL", q="rlhf", topic="fine-tuning"),
    _t("vLLM", q="vllm", topic="model-serving"),
    _t("Text Generation Inference", "tgi", q="inference server", topic="model-serving"),
    _t("LangChain", q="retrieval", topic="rag"),
    _t("FAISS", q="nearest neighbour", topic="rag"),
    _t("ONNX Runtime", "onnxruntime", "onnx", q="onnx", topic="model-serving"),
    _t("CUDA", topic="distributed-training"),
    _t("FastAPI", q="fastapi", topic="model-serving"),
    _t("Flask", q="fastapi", topic="model-serving"),
    _t("Weights & Biases", "wandb", "w&b", "weights and biases", q="experiment tracking", topic="mlops"),
    _t("LaTeX", q="paper", topic="career"),
    _t("Slurm", q="cluster", topic="distributed-training"),
    _t("cloud GPU clusters", "gpu cluster", "gpu clusters", q="cluster", topic="distributed-training"),
    # MLOps and infrastructure
    _t("Docker", "dockerfile", "docker compose", "docker-compose", q="docker"),
    _t("containers", "containerised", "containerized", "containerisation", "containerization", "docker",
       q="docker", topic="mlops"),
    _t("Kubernetes", "k8s", "eks", "gke", "aks", q="kubernetes"),
    _t("MLflow", q="mlflow", topic="mlops"),
    _t("Kubeflow", "kubeflow pipelines", q="kubeflow", topic="mlops"),
    _t("Airflow", "apache airflow", q="airflow", topic="data-engineering"),
    _t("Dagster", q="orchestration", topic="data-engineering"),
    _t("Argo", "argo workflows", "argo cd", "argocd", q="pipeline", topic="mlops"),
    _t("Terraform", q="infrastructure", topic="mlops"),
    _t("infrastructure as code", "iac", "terraform", "pulumi", "cloudformation", q="infrastructure", topic="mlops"),
    _t("CI/CD", "continuous integration", "continuous delivery", "continuous deployment", "cicd", q="ci cd",
       topic="mlops"),
    _t("GitHub Actions", q="ci cd", topic="mlops"),
    _t("Jenkins", q="ci cd", topic="mlops"),
    _t("Prometheus", q="monitoring", topic="mlops"),
    _t("Grafana", q="monitoring", topic="mlops"),
    _t("Evidently", "evidently ai", q="drift", topic="mlops"),
    _t("Seldon", "seldon core", q="serving", topic="model-serving"),
    _t("KServe", "kfserving", q="serving", topic="model-serving"),
    _t("Triton Inference Server", "triton", "nvidia triton", q="triton", topic="model-serving"),
    _t("Redis", q="redis", topic="model-serving"),
    _t("monitoring", "model monitoring", "observability", "drift detection", "data drift", "alerting",
       q="monitoring"),
    _t("feature store", "feast", "tecton", q="feature store"),
    # cloud and data platforms
    _t("AWS", "amazon web services", "ec2", "s3", q="cloud", topic="mlops"),
    _t("GCP", "google cloud", "google cloud platform", q="cloud", topic="mlops"),
    _t("Azure", "microsoft azure", "azure ml", q="cloud", topic="mlops"),
    _t("AWS SageMaker", "sagemaker", "amazon sagemaker", q="sagemaker", topic="mlops"),
    _t("GCP Vertex AI", "vertex ai", "google vertex ai", q="vertex", topic="mlops"),
    _t("Spark", "pyspark", "apache spark", "spark sql", "databricks", q="spark"),
    _t("Kafka", "apache kafka", q="kafka"),
    _t("Flink", "apache flink", q="flink"),
    _t("stream processing", "stream processor", "streaming pipelines", "kafka streams", "spark streaming", "flink",
       q="streaming", topic="data-engineering"),
    _t("dbt", "data build tool", q="dbt", topic="data-engineering"),
    _t("BigQuery", "big query", q="bigquery", topic="data-engineering"),
    _t("Snowflake", q="snowflake", topic="data-engineering"),
    _t("Redshift", "amazon redshift", q="warehouse", topic="data-engineering"),
    _t("Parquet", q="parquet", topic="data-engineering"),
    _t("Delta Lake", q="lakehouse", topic="data-engineering"),
    _t("Iceberg", "apache iceberg", q="iceberg", topic="data-engineering"),
    _t("Hadoop", "hdfs", "mapreduce", q="hadoop", topic="data-engineering"),
    _t("ETL", "elt", "data pipelines", "data pipeline", q="pipeline", topic="data-engineering"),
    _t("data modelling", "data modeling", "star schema", "dimensional modelling", "dimensional modeling",
       q="star schema", topic="data-engineering"),
    _t("window functions", "window function", q="window", topic="sql"),
    _t("CTEs", "cte", "common table expressions", "common table expression", q="cte", topic="sql"),
    # analytics
    _t("Excel", "microsoft excel", "ms excel", q="spreadsheet", topic="product-sense"),
    _t("Google Sheets", q="spreadsheet", topic="product-sense"),
    _t("spreadsheets", "spreadsheet", "excel", "google sheets", q="spreadsheet", topic="product-sense"),
    _t("Tableau", q="dashboard", topic="product-sense"),
    _t("Power BI", "powerbi", q="dashboard", topic="product-sense"),
    _t("Looker", "looker studio", q="dashboard", topic="product-sense"),
    _t("data visualisation", "data visualization", "visualisation", "visualization", q="dashboard",
       topic="product-sense"),
    _t("statistics", "statistical analysis", "statistical modelling", "statistical modeling", topic="statistics"),
    _t("A/B testing", "a/b tests", "a/b test", "ab testing", "ab tests", "split testing", "experimentation",
       "online experiments", "controlled experiments", "experiment design", q="experiment", topic="ab-testing"),
    _t("hypothesis testing", "hypothesis tests", "hypothesis test", "significance testing", "t-test", "t-tests",
       "p-values", "p-value", q="hypothesis", topic="statistics"),
    _t("confidence intervals", "confidence interval", q="confidence interval", topic="statistics"),
    _t("causal inference", "difference-in-differences", "diff-in-diff", "instrumental variables",
       "propensity score", "uplift modelling", "uplift modeling", q="causal", topic="causal-inference"),
    _t("root-cause analysis", "root cause analysis", q="metric drop", topic="product-sense"),
    # machine learning
    _t("machine learning", "ml", q="machine learning", topic="ml-fundamentals"),
    _t("deep learning", "neural networks", "neural network", q="neural network", topic="deep-learning"),
    _t("feature engineering", q="feature engineering", topic="feature-engineering"),
    _t("model evaluation", "evaluation metrics", "cross-validation", "cross validation", q="evaluation metric",
       topic="evaluation-metrics"),
    _t("NLP", "natural language processing", q="nlp", topic="nlp"),
    _t("computer vision", "image classification", "object detection", q="computer vision", topic="computer-vision"),
    _t("LLM", "llms", "large language model", "large language models", q="llm", topic="transformers-llms"),
    _t("transformers", "transformer", q="transformer", topic="transformers-llms"),
    _t("RAG", "retrieval-augmented generation", "retrieval augmented generation", q="rag", topic="rag"),
    _t("vector search", "vector database", "vector databases", "vector db", "approximate nearest neighbour",
       "approximate nearest neighbor", "ann index", "hnsw", "faiss", "pinecone", "weaviate", "qdrant", "pgvector",
       "milvus", q="vector search", topic="rag"),
    _t("fine-tuning", "fine tuning", "finetuning", "fine-tuned", "fine tuned", q="fine tune", topic="fine-tuning"),
    _t("LoRA", "qlora", "low-rank adaptation", q="lora", topic="fine-tuning"),
    _t("instruction tuning", "sft", "supervised fine-tuning", q="instruction tuning", topic="fine-tuning"),
    _t("DPO", "direct preference optimization", "direct preference optimisation", q="dpo", topic="fine-tuning"),
    _t("RLHF", "reinforcement learning from human feedback", q="rlhf", topic="fine-tuning"),
    _t("LLM evaluation", "llm-as-judge", "llm as a judge", "llm-as-a-judge", "llm evals", q="llm judge",
       topic="llm-evaluation"),
    _t("prompt engineering", "prompting", q="prompting", topic="transformers-llms"),
    _t("KV cache", "kv-cache", "key-value cache", q="kv cache", topic="transformers-llms"),
    _t("tokenisation", "tokenization", "tokenizer", "tokenizers", q="tokeniz", topic="nlp"),
    _t("recommender systems", "recommendation systems", "recommender system", "recommendation system",
       "recommenders", "recsys", q="recommend", topic="recommender-systems"),
    _t("ranking", "learning to rank", "search ranking", q="ranking", topic="search-ranking"),
    _t("time series", "forecasting", "time-series", q="forecast", topic="time-series"),
    _t("anomaly detection", "fraud detection", "outlier detection", q="anomaly", topic="anomaly-detection"),
    _t("reinforcement learning", q="reinforcement", topic="reinforcement-learning"),
    _t("distributed training", "ddp", "fsdp", "deepspeed", "data parallelism", "model parallelism", "horovod",
       q="distributed training", topic="distributed-training"),
    _t("model serving", "model deployment", "inference serving", "online inference", "model inference",
       q="serving", topic="model-serving"),
    _t("quantisation", "quantization", "int8", "quantized", "quantised", q="quantiz", topic="model-serving"),
    _t("distillation", "knowledge distillation", "distilled", "distilling", q="distillation", topic="model-serving"),
    _t("MLOps", "ml ops", "ml platform", q="mlops", topic="mlops"),
    _t("system design", "ml system design", "system architecture", q="design", topic="system-design"),
    _t("data structures and algorithms", "algorithms", "data structures", "dsa", q="algorithm",
       topic="algorithms"),
    _t("optimisation", "optimization", "convex optimization", "gradient descent", q="gradient descent",
       topic="optimization"),
    _t("ablations", "ablation study", "ablation studies", q="ablation", topic="deep-learning"),
    _t("reproducibility", "reproducible", q="reproducib", topic="mlops"),
    _t("publications", "peer-reviewed", "neurips", "icml", "iclr", "cvpr", q="paper", topic="career"),
)


@cache
def _by_spelling() -> dict[str, Term]:
    """Spelling -> term; a term's own name wins over another term's alias ("XGBoost" is its own term)."""
    table = {a.lower(): t for t in TERMS for a in t.aliases}
    table.update({t.name.lower(): t for t in TERMS})
    return table


@cache
def _pattern(term: Term) -> re.Pattern[str]:
    parts = []
    for spelling in sorted(term.spellings, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s-]+", spelling.strip()) if w]
        body = r"[\s\-]*".join(words)
        plural = "s?" if spelling[-1].isalpha() else ""
        parts.append(body + plural)
    flags = 0 if term.exact_case else re.IGNORECASE
    return re.compile(r"(?<![\w+#&/.])(?:" + "|".join(parts) + r")(?![\w+#&/])", flags)


def find(term: Term, text: str) -> str | None:
    """The words of `text` that spell this term (its own name when written so anywhere), or None."""
    spellings = [m.group(0) for m in _pattern(term).finditer(text)]
    return next((s for s in spellings if s.lower() == term.name.lower()), spellings[0] if spellings else None)


def lookup(name: str) -> Term:
    """The table's term for a name or one of its aliases; an unknown tool becomes a term of its own."""
    return _by_spelling().get(name.strip().lower()) or Term(name.strip())


def terms_in(text: str) -> list[Term]:
    """Every term of the table that `text` mentions, in table order."""
    return [t for t in TERMS if find(t, text)]


@dataclass(frozen=True)
class Keyword:
    """A keyword the resume should show: any one of `terms` satisfies it ("Tableau or Looker")."""

    name: str
    terms: tuple[Term, ...]
    source: str  # "role", "job description" or "both"


def role_keywords(role: RoleProfile) -> list[Keyword]:
    """The role's tools (each "X or Y" one keyword, "X with Y" two), then table terms named in its skills."""
    out: dict[str, Keyword] = {}
    for tool in role.tools:
        for part in re.split(r"\s+with\s+", tool):
            alternatives = tuple(dict.fromkeys(lookup(a) for a in re.split(r"\s+or\s+", part) if a.strip()))
            if alternatives:
                name = " or ".join(a.name for a in alternatives)
                out.setdefault(name.lower(), Keyword(name, alternatives, "role"))
    named = {t.name.lower() for k in out.values() for t in k.terms}
    for term in terms_in(" . ".join(role.skills)):
        if term.name.lower() not in named:
            out.setdefault(term.name.lower(), Keyword(term.name, (term,), "role"))
            named.add(term.name.lower())
    return list(out.values())


# Words written in capitals or CamelCase in job descriptions that are not tools (checked in lower case).
_NOT_TOOLS = frozenset(
    {
        "us", "usa", "uk", "eu", "emea", "apac", "eeo", "eoe", "pto", "hr", "ceo", "cto", "cfo", "vp", "it", "ok",
        "nyc", "sf", "la", "phd", "ms", "bs", "ba", "ma", "mba", "msc", "bsc", "ai", "ml", "ds", "de", "swe", "sre",
        "qa", "ui", "ux", "api", "apis", "faq", "asap", "etc", "am", "pm", "est", "pst", "utc", "gmt", "kpi", "kpis",
        "okr", "okrs", "roi", "b2b", "b2c", "saas", "iot", "ar", "vr", "we", "our", "you", "the", "and", "or", "a",
        "an", "in", "of", "for", "to", "with", "at", "on", "by", "as", "is", "are", "be",
    }
)
_TOKEN = re.compile(r"(?<![\w.#+-])[A-Za-z][\w.#+-]*[\w#+]")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b|\(|\))\s*")


def _tool_shaped(token: str) -> bool:
    """CamelCase ("BigQuery"), letters with digits ("EC2", "GPT-4"), dotted names ("Node.js"), C#/F#-like
    names, or an acronym of 2-6 capitals ("GCP", "ETL")."""
    if token.lower() in _NOT_TOOLS or len(token) < 2:
        return False
    if re.search(r"[a-z][A-Z]", token) or re.fullmatch(r"[A-Za-z]+\.(js|ts|io|ai|py|net)", token, re.IGNORECASE):
        return True
    if re.search(r"[A-Za-z]", token) and re.search(r"\d", token) and not re.fullmatch(r"\d+[a-z]{1,2}", token):
        return True
    return bool(re.fullmatch(r"[A-Z]{2,6}s?|[A-Z]{1,2}[#+]{1,2}", token))


def unlisted_tools(text: str) -> list[Term]:
    """Tools a job description names that the synonym table does not know, each a term of its own.

    Tool-shaped words (see `_tool_shaped`) count wherever they are; a plain capitalised word ("Snowflake",
    "Looker") counts only inside a list of three or more items of which another is a known or tool-shaped
    term ("Snowflake, dbt and Looker"), so that places and company names stay out."""
    known = _by_spelling()
    found: dict[str, Term] = {}

    def keep(word: str) -> None:
        name = word.strip(".,;:")
        if len(name) >= 2 and name.lower() not in known and name.lower() not in _NOT_TOOLS:
            found.setdefault(name.lower(), Term(name))

    for token in _TOKEN.findall(text):
        if _tool_shaped(token.strip(".")):
            keep(token)
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        items = [i.strip(" .:-*\u2022") for i in _LIST_SPLIT.split(sentence) if i and i.strip(" .:-*\u2022")]
        if len(items) < 3:
            continue
        if not any(i.lower() in known or _tool_shaped(i) for i in items):
            continue
        for item in items[1:]:  # the first item carries the sentence's opening words ("Experience with ...")
            if re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?", item):
                keep(item)
    return list(found.values())


def jd_keywords(text: str, role: list[Keyword]) -> list[Keyword]:
    """Table terms a job description mentions, then the tools it names that the table does not know; a
    role keyword it shares keeps the role's grouping."""
    found = terms_in(text)
    names = {t.name.lower() for t in found}
    # "Terraform" also spells "infrastructure as code": keep only the term the text names itself
    spelled = {t: (find(t, text) or "").lower() for t in found}
    found = [t for t in found if spelled[t] == t.name.lower() or spelled[t] not in names]
    out: list[Keyword] = []
    for term in found:
        same = next((k for k in role if term in k.terms), None)
        out.append(Keyword(same.name, same.terms, "both") if same else Keyword(term.name, (term,), "job description"))
    for term in unlisted_tools(text):
        same = next((k for k in role if term.name.lower() in {t.name.lower() for t in k.terms}), None)
        out.append(Keyword(same.name, same.terms, "both") if same else Keyword(term.name, (term,), "job description"))
    return list({k.name: k for k in out}.values())
