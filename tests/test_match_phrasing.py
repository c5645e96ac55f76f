"""Matching on sentences as real resumes phrase them: trap words, negation, hedging, forms.

Each row is a sentence, the polarity a careful recruiter reads for each skill it names
directly (method other than ``implied``), and skills it must not be read as naming at all.
Rows the engine gets wrong are kept as the recruiter would expect them and marked
``xfail(strict=True)`` with what the engine does wrong: they are its known defects.
"""

from __future__ import annotations

from typing import Any

import pytest

from screener import Taxonomy, profile_text
from tests.conftest import AS_OF

P, H, N = "positive", "hedged", "negated"

# (sentence, {skill id: polarity of its first direct mention}, skill ids with no direct mention),
# bare or wrapped in pytest.param.
Row = tuple[str, dict[str, str], set[str]]

TRAP_WORDS: list[object] = [
    # R / R&D / R&B
    ("Analysed survey data in R and ggplot2.", {"r": P}, set()),
    ("Led the R&D team through two product launches.", {}, {"r"}),
    ("Produced R&B tracks for local artists.", {}, {"r"}),
    ("Used R for statistical modelling and ggplot2 plots.", {"r": P, "statistics": P}, set()),
    ("Statistical modelling in R.", {"r": P, "statistics": P}, set()),
    # C / C-suite
    ("Wrote embedded firmware in C for ARM microcontrollers.", {"c": P}, set()),
    ("Presented the quarterly roadmap to the C-suite.", {}, {"c"}),
    ("Closed a Series C funding round.", {}, {"c"}),
    ("Sold vitamin C supplements.", {}, {"c"}),
    ("Wrote firmware for microcontrollers in C.", {"c": P}, set()),
    # Go / go-to / ready to go
    ("Wrote Go microservices with gRPC.", {"go": P, "grpc": P}, set()),
    ("Wrote services in Golang.", {"go": P}, set()),
    ("The go-to person for release coordination.", {}, {"go"}),
    ("Delivered features ready to go on day one.", {}, {"go"}),
    ("Managed the go-live of the new ERP.", {}, {"go"}),
    ("Let go of legacy processes to go faster.", {}, {"go"}),
    ("Built Go microservices; go-to engineer for on-call.", {"go": P, "microservices": P}, set()),
    # Spark / spark interest
    ("Built Spark jobs on Databricks for ETL.", {"apache-spark": P, "databricks": P}, set()),
    ("Wrote Spark applications in Scala.", {"apache-spark": P, "scala": P}, set()),
    ("Designed workshops to spark interest in STEM among students.", {}, {"apache-spark"}),
    ("Helped spark interest in data literacy.", {}, {"apache-spark"}),
    ("Processed 2 TB of clickstream logs a day with Spark.", {"apache-spark": P}, set()),
    # Airflow / HVAC airflow
    ("Orchestrated ETL with Airflow DAGs.", {"apache-airflow": P}, set()),
    ("Wrote Airflow operators in Python.", {"apache-airflow": P, "python": P}, set()),
    ("Measured HVAC airflow across the data hall.", {}, {"apache-airflow"}),
    ("Fixed ventilation airflow issues in clean rooms.", {}, {"apache-airflow"}),
    # Helm / at the helm
    ("Deployed charts with Helm on Kubernetes.", {"helm": P, "kubernetes": P}, set()),
    ("Packaged releases with Helm charts.", {"helm": P}, set()),
    ("At the helm of the sales team for five years.", {}, {"helm"}),
    ("Took the helm of the customer success team.", {}, {"helm"}),
    # Feast
    ("Served online features from Feast backed by Redis.", {"feast": P, "redis": P}, set()),
    ("Organised the annual holiday feast for 200 staff.", {}, {"feast"}),
    # Ray
    (
        "Distributed training with Ray and PyTorch.",
        {"ray": P, "pytorch": P, "distributed-training": P},
        set(),
    ),
    ("Reported to Ray Thompson, VP of Sales.", {}, {"ray"}),
    ("A ray of sunshine on the support desk.", {}, {"ray"}),
    # Argo
    (
        "Ran ML pipelines with Argo Workflows on Kubernetes.",
        {"argo-workflows": P, "kubernetes": P},
        set(),
    ),
    (
        "Guided visitors through the Argo exhibit at the maritime museum.",
        {},
        {"argo-workflows", "argo-cd"},
    ),
    # Chef, Puppet
    ("Automated server configuration with Chef and Ansible.", {"chef": P, "ansible": P}, set()),
    ("Worked as a sous chef in a busy restaurant.", {}, {"chef"}),
    ("Chef de partie at a five-star hotel.", {}, {"chef"}),
    ("Wrote Puppet manifests for the web tier.", {"puppet": P}, set()),
    ("Performed at the puppet theatre festival.", {}, {"puppet"}),
    # Vault, Glue, Lambda
    ("Rotated database credentials with Vault.", {"hashicorp-vault": P}, set()),
    ("Managed the bank vault access log.", {}, {"hashicorp-vault"}),
    ("State pole vault champion.", {}, {"hashicorp-vault"}),
    ("Built ETL jobs in AWS Glue.", {"aws-glue": P}, set()),
    ("Used glue guns to assemble the display stands.", {}, {"aws-glue"}),
    ("Triggered Lambda functions from S3 events.", {"aws-lambda": P, "amazon-s3": P}, set()),
    ("Solved lambda calculus exercises in the logic course.", {}, {"aws-lambda"}),
    ("President of Lambda Chi Alpha fraternity.", {}, {"aws-lambda"}),
    # Triton, Flask
    (
        "Deployed ONNX models on Triton for low-latency inference.",
        {"triton-inference-server": P, "onnx": P},
        set(),
    ),
    ("Visited the Triton moon exhibit at the planetarium.", {}, {"triton-inference-server"}),
    ("Built REST APIs with Flask and SQLAlchemy.", {"flask": P, "sqlalchemy": P}, set()),
    ("Washed every flask and beaker in the chemistry lab.", {}, {"flask"}),
    # Rust, Swift, Ruby, Dart, Julia
    ("Rewrote the parser in Rust for memory safety.", {"rust": P}, set()),
    ("Treated rust and corrosion on steel bridges.", {}, {"rust"}),
    ("Wrote a CLI tool in Rust.", {"rust": P}, set()),
    ("Built iOS apps in Swift.", {"swift": P, "ios": P}, set()),
    ("Gave a swift response to customer complaints.", {}, {"swift"}),
    ("Handled SWIFT transfers and IBAN validation.", {}, {"swift"}),
    ("Built web apps with Ruby on Rails.", {"ruby-on-rails": P}, set()),
    ("Sold ruby and sapphire jewellery.", {}, {"ruby"}),
    ("Built Flutter apps in Dart.", {"dart": P, "flutter": P}, set()),
    ("Won the office dart tournament.", {}, {"dart"}),
    ("Ran numerical simulations in Julia.", {"julia": P}, set()),
    ("Reported to Julia Smith, the head of finance.", {}, {"julia"}),
    # Excel / excel at
    ("Built pivot tables and VLOOKUP models in Excel.", {"microsoft-excel": P}, set()),
    ("Tracked inventory in Microsoft Excel spreadsheets.", {"microsoft-excel": P}, set()),
    ("I excel at stakeholder communication.", {}, {"microsoft-excel"}),
    ("Strive to excel in every project.", {}, {"microsoft-excel"}),
    ("Exported the pivot reports to Excel.", {"microsoft-excel": P}, set()),
    # Jenkins the surname
    ("Configured Jenkins pipelines for CI.", {"jenkins": P}, set()),
    ("Built Jenkins jobs and Jenkinsfiles for the monorepo.", {"jenkins": P}, set()),
    ("Reported to Mr. Jenkins, the branch manager.", {}, {"jenkins"}),
    ("References: Sarah Jenkins, Operations Director.", {}, {"jenkins"}),
    pytest.param(
        "Collaborated with Mark Jenkins on the budget.",
        {},
        {"jenkins"},
        marks=pytest.mark.xfail(
            reason="medium-ambiguity Jenkins counts whenever any other skill is on the line "
            "(here 'Collaborated' -> collaboration); a first name before it is not a reject cue",
            strict=True,
        ),
    ),
    # Dockers trousers
    ("Containerised apps with Docker and Compose.", {"docker": P}, set()),
    ("Managed the Dockers trousers section at the store.", {}, {"docker"}),
    ("Sold Dockers, Levi's and Wrangler jeans.", {}, {"docker"}),
    # TF = Terraform or TensorFlow
    ("Wrote TF modules for AWS infrastructure.", {"terraform": P, "aws": P}, {"tensorflow"}),
    ("Ran the TF plan and apply in CI.", {"terraform": P}, {"tensorflow"}),
    ("Fine-tuned CNNs in TF 2.x with Keras.", {"tensorflow": P, "keras": P}, {"terraform"}),
    ("Tools: TF, Ansible, Packer", {"terraform": P, "ansible": P}, {"tensorflow"}),
    ("Frameworks: TF, PyTorch, JAX", {"tensorflow": P, "pytorch": P}, {"terraform"}),
    # ML as machine learning; GCP as Good Clinical Practice
    ("Built ML models for churn prediction.", {"machine-learning": P}, set()),
    ("ML engineer building recommendation models.", {"machine-learning": P}, set()),
    ("Filled 500 ml bottles on the production line.", {}, {"machine-learning"}),
    ("ICH-GCP trained clinical trial monitor.", {}, {"google-cloud"}),
]

NEGATION: list[object] = [
    ("No experience with Kubernetes yet.", {"kubernetes": N}, set()),
    ("Never used Terraform in production.", {"terraform": N}, set()),
    ("Not yet worked with Kubernetes.", {"kubernetes": N}, set()),
    ("Kubernetes: none yet.", {"kubernetes": N}, set()),
    ("Terraform: not yet.", {"terraform": N}, set()),
    ("Deployed services without Kubernetes.", {"kubernetes": N}, set()),
    ("I have not worked with Kafka.", {"apache-kafka": N}, set()),
    ("Lack experience with Scala.", {"scala": N}, set()),
    ("Haven't used Kubernetes.", {"kubernetes": N}, set()),
    ("Kubernetes (no experience)", {"kubernetes": N}, set()),
    ("Kubernetes - no hands-on experience.", {"kubernetes": N}, set()),
    # Negation of one skill must not spill onto the next clause's skill.
    (
        "Never used Kafka, but built streaming with Kinesis.",
        {"apache-kafka": N, "amazon-kinesis": P},
        set(),
    ),
    (
        "No experience with Istio, but five years with Kubernetes.",
        {"istio": N, "kubernetes": P},
        set(),
    ),
    ("Built services in Python, not Java.", {"python": P, "java": N}, set()),
    ("Deployed with Ansible; never used Kubernetes.", {"ansible": P, "kubernetes": N}, set()),
    # A negation word that negates something else.
    ("No downtime deployments on Kubernetes.", {"kubernetes": P}, set()),
    (
        "Migrated from Jenkins to GitHub Actions with no downtime.",
        {"jenkins": P, "github-actions": P},
        set(),
    ),
    ("Without a dedicated DevOps team, I ran Kubernetes myself.", {"kubernetes": P}, set()),
    ("Shipped not only Python but also Go services.", {"python": P, "go": P}, set()),
    ("Delivered without any outages on AWS.", {"aws": P}, set()),
    ("Reduced costs with no loss of accuracy using XGBoost.", {"xgboost": P}, set()),
    (
        "Built the pipeline without Airflow, using cron and Python.",
        {"apache-airflow": N, "python": P},
        set(),
    ),
    ("Led a no-code migration, then rebuilt it in Python.", {"python": P}, set()),
]

HEDGING: list[object] = [
    ("Familiar with Docker and Kubernetes.", {"docker": H, "kubernetes": H}, set()),
    ("Familiarity with Terraform.", {"terraform": H}, set()),
    ("Exposure to Terraform and Ansible.", {"terraform": H, "ansible": H}, set()),
    ("Some exposure to Kubernetes.", {"kubernetes": H}, set()),
    ("Basic knowledge of SQL.", {"sql": H}, set()),
    ("Currently learning Kubernetes and Helm.", {"kubernetes": H, "helm": H}, set()),
    (
        "Coursework in machine learning and statistics.",
        {"machine-learning": H, "statistics": H},
        set(),
    ),
    ("University coursework in Java and C++.", {"java": H, "cpp": H}, set()),
    ("Interested in MLOps and Kubeflow.", {"mlops": H, "kubeflow": H}, set()),
    ("Completed an intro course on PyTorch.", {"pytorch": H}, set()),
    ("TensorFlow (online course)", {"tensorflow": H}, set()),
    ("Python (basic), SQL (advanced)", {"python": H, "sql": P}, set()),
    ("Expert in Python; exposure to Scala.", {"python": P, "scala": H}, set()),
    ("Hands-on with Kubernetes, familiar with Istio.", {"kubernetes": P, "istio": H}, set()),
    # a skills list that says how well, after a colon
    ("Kubernetes: familiar with kubectl and the basics", {"kubernetes": H}, set()),
    ("Prometheus / Grafana: familiar with, home lab only", {"prometheus": H, "grafana": H}, set()),
    ("Terraform: currently learning (personal projects only)", {"terraform": H}, set()),
    ("Python, Docker, Airflow: none so far", {"apache-airflow": N, "docker": P}, set()),
    ("Docker, Python: expert", {"docker": P, "python": P}, set()),
    ("Working knowledge of Kubernetes and MLflow.", {"kubernetes": H, "mlflow": H}, set()),
    ("Currently learning Rust.", {"rust": H}, set()),
    ("Learning Terraform in my spare time.", {"terraform": H}, set()),
    ("Limited experience with Kubernetes.", {"kubernetes": H}, set()),
    ("Familiar with Istio and expert in Kubernetes.", {"istio": H, "kubernetes": P}, set()),
]

FORMS: list[object] = [
    # Abbreviations
    ("Ran workloads on k8s clusters.", {"kubernetes": P}, set()),
    ("Deployed to GCP and AWS.", {"google-cloud": P, "aws": P}, set()),
    ("Trained models with sklearn.", {"scikit-learn": P}, set()),
    ("Tracked experiments with W&B and MLflow.", {"weights-and-biases": P, "mlflow": P}, set()),
    ("Tracked experiments with W&B.", {"weights-and-biases": P}, set()),
    ("Served LLMs with TGI and vLLM.", {"text-generation-inference": P, "vllm": P}, set()),
    (
        "Ran clusters on GKE, EKS and AKS.",
        {"google-kubernetes-engine": P, "amazon-eks": P, "azure-kubernetes-service": P},
        set(),
    ),
    ("Built CI/CD pipelines in GitLab.", {"ci-cd": P, "gitlab": P}, set()),
    # Separator variants
    ("Built models with scikit learn.", {"scikit-learn": P}, set()),
    ("Used Scikit-Learn and XGBoost.", {"scikit-learn": P, "xgboost": P}, set()),
    ("Logged runs to Weights and Biases.", {"weights-and-biases": P}, set()),
    ("Tracked runs in Weights&Biases.", {"weights-and-biases": P}, set()),
    ("Wrote backend services in NodeJS.", {"nodejs": P}, set()),
    ("Wrote backend services in Node.js.", {"nodejs": P}, set()),
    ("Maintained CICD pipelines for 20 repos.", {"ci-cd": P}, set()),
    # Versioned names
    ("Migrated scripts to Python 3.11.", {"python": P}, set()),
    ("Upgraded the codebase to Python3.10.", {"python": P}, set()),
    ("Maintained legacy Java 8 services.", {"java": P}, set()),
    ("Built landing pages with HTML5 and CSS3.", {"html": P, "css": P}, set()),
    ("Maintained a PHP5 monolith.", {"php": P}, set()),
    ("Ported .NET 4.8 apps to .NET 6.", {"dotnet": P}, set()),
    ("Built dashboards in Vue3.", {"vue": P}, set()),
    (
        "Trained TF 2.x models for image classification with deep learning.",
        {"tensorflow": P, "deep-learning": P},
        {"terraform"},
    ),
    ("Modern C++17 and C++20 codebase.", {"cpp": P}, set()),
    # Authors' initials in a citation are not skills; a list of skills is not a citation
    (
        "Williams SJ, Seidman RL, Drew JA, Wright BL. Teaching data analysis. 1996.",
        {},
        {"reinforcement-learning"},
    ),
    ("Baer, R., Simmons, T. J., & Smith, C., (1994). Supported employment.", {}, {"r", "c"}),
    (
        "Wrote custom modules against the Forms API, Node API, Views API and Drupal APIs.",
        {"api-development": P},
        set(),
    ),
    (
        "Environment: Windows, Citrix, SQL, Jira, SAP, ESB",
        {"sql": P, "sap": P, "jira": P, "citrix-virtual-apps": P},
        set(),
    ),
    # A heading written with spaced-out letters spells no one-letter language
    ("E D U C A T I O N and T R A I N I N G with Python", {"python": P}, {"c", "r"}),
    ("Languages: C R Python Go", {"c": P, "r": P, "python": P}, set()),
    # A language's name qualifying a noun is a nationality, not a language spoken
    ("Studied how the Chinese Government fabricates social media posts.", {}, {"mandarin"}),
    ("Forged alliances with German based manufacturers.", {}, {"german"}),
    ("Languages: English (native), Chinese (fluent), French", {"mandarin": P}, set()),
    ("English Teacher; teaching English in KS3 and KS4.", {"english": P}, set()),
    ("Speaks Telugu Hindi and English at home.", {"telugu": P, "hindi": P}, set()),
    # Misspellings to correct, and English words to leave alone
    ("Deployed services on Kubernates clusters.", {"kubernetes": P}, set()),
    ("Wrote Teraform modules for AWS.", {"terraform": P, "aws": P}, set()),
    ("Built dashboards in Grafanna.", {"grafana": P}, set()),
    ("Indexed logs in Elasticsearh.", {"elasticsearch": P}, set()),
    ("Tuned queries in Postgress.", {"postgresql": P}, set()),
    ("Our objective was market growth.", {}, {"objective-c", "marketo"}),
    ("Managed logistics at the container terminal.", {}, {"containerization", "docker"}),
    ("Gave a presentation on protocols for the sales force.", {}, {"salesforce"}),
]

LISTS: list[object] = [
    ("• Python, Go, Rust", {"python": P, "go": P, "rust": P}, set()),
    ("Languages: Python | Go | Rust", {"python": P, "go": P, "rust": P}, set()),
    ("- Tools: Docker | Kubernetes | Helm", {"docker": P, "kubernetes": P, "helm": P}, set()),
    ("Docker | K8s | Helm", {"docker": P, "kubernetes": P, "helm": P}, set()),
    ("Skills: R, SQL, Tableau", {"r": P, "sql": P, "tableau": P}, set()),
    ("Languages: C, C++, Go, R", {"c": P, "cpp": P, "go": P, "r": P}, set()),
    ("Skills: Excel, SQL, Tableau", {"microsoft-excel": P, "sql": P}, set()),
    ("Skills: Python, SQL, R.", {"python": P, "sql": P, "r": P}, set()),
    (
        "* Spark, Airflow, Feast, Ray",
        {"apache-spark": P, "apache-airflow": P, "feast": P, "ray": P},
        set(),
    ),
    (
        "DevOps: Chef, Puppet, Vault, Jenkins",
        {"chef": P, "puppet": P, "hashicorp-vault": P, "jenkins": P},
        set(),
    ),
    (
        "Cloud: AWS (EKS, S3, Lambda), GCP (GKE, BigQuery)",
        {
            "aws": P,
            "amazon-eks": P,
            "amazon-s3": P,
            "aws-lambda": P,
            "google-cloud": P,
            "google-kubernetes-engine": P,
            "bigquery": P,
        },
        set(),
    ),
    # Parentheses and slashes
    ("Deployed on Kubernetes(EKS).", {"kubernetes": P, "amazon-eks": P}, set()),
    ("Multi-cloud experience: AWS/GCP.", {"aws": P, "google-cloud": P}, set()),
    ("Tools: Docker/Kubernetes/Helm", {"docker": P, "kubernetes": P, "helm": P}, set()),
    ("Wrote GPU kernels in C++/CUDA.", {"cpp": P, "nvidia-cuda": P}, set()),
    ("Wrote code in C/C++.", {"c": P, "cpp": P}, set()),
    ("Models in TensorFlow/Keras.", {"tensorflow": P, "keras": P}, set()),
    ("Analysis in Python/R.", {"python": P, "r": P}, set()),
]

CASES = TRAP_WORDS + NEGATION + HEDGING + FORMS + LISTS


def _direct_polarity(text: str, taxonomy: Taxonomy) -> dict[str, str]:
    """Each directly mentioned skill with the polarity of its first direct mention."""
    profile = profile_text(text, taxonomy, as_of=AS_OF)
    out = {}
    for skill_id, evidence in profile.skills.items():
        direct = sorted(
            (m for m in evidence.mentions if m.method != "implied"), key=lambda m: m.start
        )
        if direct:
            out[skill_id] = direct[0].polarity
    return out


@pytest.mark.parametrize(("text", "expected", "forbidden"), CASES)
def test_match_reads_resume_phrasing(
    taxonomy: Taxonomy, text: str, expected: dict[str, str], forbidden: set[str]
) -> None:
    found = _direct_polarity(text, taxonomy)
    assert {s: found.get(s) for s in expected} == expected, found
    assert not (forbidden & set(found)), found


def _rows() -> list[Row]:
    """The table's rows, unwrapped from their ``pytest.param`` where they have one."""
    rows: list[Row] = []
    for case in CASES:
        values: Any = getattr(case, "values", case)
        text, expected, forbidden = values
        rows.append((text, expected, forbidden))
    return rows


def test_match_phrasing_table_names_real_skills(taxonomy: Taxonomy) -> None:
    """A mistyped id would make a row pass vacuously: every id must exist."""
    ids = {s for _, expected, forbidden in _rows() for s in (*expected, *forbidden)}
    assert sorted(ids - set(taxonomy.skills)) == []


def test_match_phrasing_table_is_large_and_unique() -> None:
    texts = [text for text, _, _ in _rows()]
    assert len(texts) >= 90
    assert len(set(texts)) == len(texts)
