"""The shipped taxonomy: it loads, lints clean, covers the flagship opening, handles traps."""

from __future__ import annotations

import pytest

from screener import Rubric, Taxonomy, profile_text
from screener.config.lint import lint_taxonomy
from screener.match.resolve import resolve
from tests.conftest import AS_OF

MIN_SKILLS = 1500


def test_taxonomy_loads_with_enough_skills(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) >= MIN_SKILLS


def test_taxonomy_lints_clean(taxonomy: Taxonomy) -> None:
    assert [str(w) for w in lint_taxonomy(taxonomy)] == []


def test_taxonomy_every_rubric_skill_resolves_by_name(taxonomy: Taxonomy, rubric: Rubric) -> None:
    for req in rubric.requirements:
        for skill_id in req.skills:
            name = taxonomy.skills[skill_id].name
            assert [r.skill_id for r in resolve(name, taxonomy)] == [skill_id], name


# Every tool, platform, practice and certification the MLOps job description names, as the
# description writes it, and the skill it must resolve to.
JD_TERMS = [
    ("Python", "python"),
    ("Kubeflow", "kubeflow"),
    ("MLflow", "mlflow"),
    ("Metaflow", "metaflow"),
    ("Airflow", "apache-airflow"),
    ("Vertex AI Pipelines", "vertex-ai-pipelines"),
    ("Docker", "docker"),
    ("Kubernetes", "kubernetes"),
    ("AWS", "aws"),
    ("SageMaker", "amazon-sagemaker"),
    ("EKS", "amazon-eks"),
    ("S3", "amazon-s3"),
    ("Google Cloud", "google-cloud"),
    ("Vertex AI", "vertex-ai"),
    ("GKE", "google-kubernetes-engine"),
    ("Azure", "azure"),
    ("Azure ML", "azure-machine-learning"),
    ("AKS", "azure-kubernetes-service"),
    ("CI/CD", "ci-cd"),
    ("Prometheus", "prometheus"),
    ("Grafana", "grafana"),
    ("load balancing", "load-balancing"),
    ("horizontal scaling", "horizontal-scaling"),
    ("caching", "caching"),
    ("latency budgets", "latency-budgets"),
    ("distributed training", "distributed-training"),
    ("Feast", "feast"),
    ("Tecton", "tecton"),
    ("feature stores", "feature-store"),
    ("Spark", "apache-spark"),
    ("dbt", "dbt"),
    ("Kafka", "apache-kafka"),
    ("Pub/Sub", "google-pubsub"),
    ("model cards", "model-cards"),
    ("bias auditing", "bias-auditing"),
    ("explainability", "explainability"),
    ("vLLM", "vllm"),
    ("TGI", "text-generation-inference"),
    ("AWS Certified Machine Learning Specialty", "aws-certified-machine-learning-specialty"),
    (
        "Google Professional Machine Learning Engineer",
        "google-professional-machine-learning-engineer",
    ),
    ("Azure AI Engineer Associate", "azure-ai-engineer-associate"),
    ("data drift", "data-drift"),
    ("concept drift", "concept-drift"),
    ("automated retraining", "automated-retraining"),
    ("model registries", "model-registry"),
    ("experiment tracking", "experiment-tracking"),
    ("Weights & Biases", "weights-and-biases"),
    ("Terraform", "terraform"),
    ("Pulumi", "pulumi"),
    ("shadow deployments", "shadow-deployment"),
    ("A/B tests", "ab-testing"),
    ("rollbacks", "rollback"),
    ("incident response", "incident-response"),
    ("infrastructure as code", "infrastructure-as-code"),
]


@pytest.mark.parametrize(("term", "skill_id"), JD_TERMS)
def test_taxonomy_every_job_description_term_resolves(
    taxonomy: Taxonomy, term: str, skill_id: str
) -> None:
    assert skill_id in {r.skill_id for r in resolve(term, taxonomy)}


# (sentence, skill that must be found, skill that must not be): each trap beside its genuine use.
TRAPS = [
    ("Built dashboards in R and Python for the risk team.", "r", None),
    ("Led R&D for the hardware group.", None, "r"),
    ("Wrote embedded firmware in C and C++.", "c", None),
    ("Presented quarterly results to the C-suite.", None, "c"),
    ("Wrote Go microservices with goroutines and channels.", "go", None),
    ("I was the go-to person for scheduling.", None, "go"),
    ("Ready to go the extra mile for customers.", None, "go"),
    ("Ran Spark jobs on EMR to aggregate clickstream data.", "apache-spark", None),
    ("Her talks spark interest in science among students.", None, "apache-spark"),
    ("Orchestrated ETL with Airflow DAGs.", "apache-airflow", None),
    ("Improved HVAC airflow in the stockroom.", None, "apache-airflow"),
    ("Deployed charts to the cluster with Helm and kubectl.", "helm", None),
    ("Was at the helm of a store refit.", None, "helm"),
    ("Served online features from Feast to the ranking model.", "feast", None),
    ("Organised the annual holiday feast for 200 staff.", None, "feast"),
    ("Scaled hyperparameter search with Ray Tune and Ray clusters.", "ray", None),
    ("A ray of sunshine in the office, says my manager.", None, "ray"),
    ("Managed GitOps rollouts with Argo CD.", "argo-cd", None),
    ("Automated server configuration with Chef cookbooks.", "chef", None),
    ("Worked as a sous chef in a busy restaurant kitchen.", None, "chef"),
    ("Managed configuration with Puppet manifests.", "puppet", None),
    ("Performed a puppet show for the children's ward.", None, "puppet"),
    ("Stored secrets in HashiCorp Vault.", "hashicorp-vault", None),
    ("Counted cash in the bank vault every evening.", None, "hashicorp-vault"),
    ("Built ETL jobs with AWS Glue and the Glue Data Catalog.", "aws-glue", None),
    ("Used glue and tape to repair the displays.", None, "aws-glue"),
    ("Wrote serverless functions on AWS Lambda.", "aws-lambda", None),
    ("Studied lambda calculus in the theory course.", None, "aws-lambda"),
    ("Served models on NVIDIA Triton Inference Server.", "triton-inference-server", None),
    ("Built a REST API with Flask and SQLAlchemy.", "flask", None),
    ("Filled a thermos flask with coffee for the night shift.", None, "flask"),
    ("Rewrote the parser in Rust for memory safety.", "rust", None),
    ("Removed rust from the old railings.", None, "rust"),
    ("Built the iOS app in Swift and SwiftUI.", "swift", None),
    ("Gave swift responses to customer complaints.", None, "swift"),
    ("Maintained a Ruby on Rails monolith.", "ruby", None),
    ("Wore a ruby necklace to the gala.", None, "ruby"),
    ("Built the mobile app with Dart and Flutter.", "dart", None),
    ("Played darts at the pub quiz; won the dart league.", None, "dart"),
    ("Ran numerical simulations in Julia.", "julia", None),
    ("Worked with Julia, our team lead, on hiring.", None, "julia"),
    ("Built pivot tables and VBA macros in Excel.", "microsoft-excel", None),
    ("I excel at building relationships with clients.", None, "microsoft-excel"),
    ("Maintained Jenkins pipelines for 40 services.", "jenkins", None),
    ("Reported to Mark Jenkins, head of sales.", None, "jenkins"),
    ("Packaged services in Docker containers.", "docker", None),
    ("Managed the Dockers trousers section.", None, "docker"),
    ("Wrote TF modules to provision AWS infrastructure.", "terraform", "tensorflow"),
    ("Trained TF models with Keras on GPUs.", "tensorflow", "terraform"),
    ("Built ML models for fraud detection.", "machine-learning", None),
    ("Built ML pipelines for fraud detection.", "ml-pipelines", None),
]


@pytest.mark.parametrize(("text", "present", "absent"), TRAPS)
def test_taxonomy_traps_and_genuine_uses(
    taxonomy: Taxonomy, text: str, present: str | None, absent: str | None
) -> None:
    profile = profile_text(text, taxonomy, as_of=AS_OF)
    direct = {
        s for s, ev in profile.skills.items() if any(m.method != "implied" for m in ev.mentions)
    }
    if present:
        assert present in direct, f"{present} not found in {sorted(direct)}"
    if absent:
        assert absent not in direct, f"{absent} wrongly found"
