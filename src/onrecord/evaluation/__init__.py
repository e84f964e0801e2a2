"""Evaluation of onrecord's attributions against annotated gold data.

BRAT standoff gold in the PolNeAR layout (``text/*.txt``, ``attributions/*_<annotator>.ann``)
is scored with the definitions of the PolNeAR reference scorer; see :mod:`.metrics`.

    result = evaluate_brat("polnear/dev", pred_out="pred.jsonl")
    print(format_table(result))
"""

from onrecord.evaluation.brat import (
    BratCorpus,
    BratFormatError,
    GoldDocument,
    parse_ann,
    read_gold_dir,
)
from onrecord.evaluation.metrics import (
    PRF,
    EvalResult,
    RoleScores,
    SpeakerAccuracy,
    TypeRecall,
    format_table,
    quote_type,
    score,
)
from onrecord.evaluation.predictions import (
    PredictionFormatError,
    gold_as_predictions,
    read_predictions,
    record_to_prediction,
    write_predictions,
)
from onrecord.evaluation.run import evaluate_brat, score_files
from onrecord.evaluation.spans import EvalInputError, Fragment, SpanAttribution

__all__ = [
    "PRF",
    "BratCorpus",
    "BratFormatError",
    "EvalInputError",
    "EvalResult",
    "Fragment",
    "GoldDocument",
    "PredictionFormatError",
    "RoleScores",
    "SpanAttribution",
    "SpeakerAccuracy",
    "TypeRecall",
    "evaluate_brat",
    "format_table",
    "gold_as_predictions",
    "parse_ann",
    "quote_type",
    "read_gold_dir",
    "read_predictions",
    "record_to_prediction",
    "score",
    "score_files",
    "write_predictions",
]
