"""Command-line choice of the classifier head, shared by train_default and heldout."""

from __future__ import annotations

import argparse

from triage.head import MultiLabelHead
from triage.mlp_head import StackedMLPHead


def add_head_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--C", type=float, default=4.0, help="inverse regularisation of the linear head")
    parser.add_argument("--head", choices=("linear", "mlp"), default="linear",
                        help="linear: logistic regression per label; mlp: + residual network on the "
                             "sentence vectors stacked on the linear scores (triage/mlp_head.py)")
    parser.add_argument("--hidden", type=int, default=64, help="mlp: hidden units")
    parser.add_argument("--epochs", type=int, default=10, help="mlp: training epochs")
    parser.add_argument("--lr", type=float, default=1e-3, help="mlp: peak learning rate")
    parser.add_argument("--weight-decay", type=float, default=1e-2, help="mlp: AdamW weight decay")
    parser.add_argument("--dropout", type=float, default=0.3, help="mlp: dropout")
    parser.add_argument("--skip", type=float, default=1.0, help="mlp: weight of the linear scores added to the output")
    parser.add_argument("--seed", type=int, default=0, help="mlp: random seed (network and folds)")
    parser.add_argument("--no-stack", action="store_true", help="mlp: do not feed the linear scores to the network")


def make_head(args: argparse.Namespace) -> MultiLabelHead | StackedMLPHead:
    if args.head == "linear":
        return MultiLabelHead(C=args.C)
    return StackedMLPHead(C=args.C, hidden=args.hidden, epochs=args.epochs, learning_rate=args.lr,
                          weight_decay=args.weight_decay, dropout=args.dropout, skip=args.skip,
                          stack=not args.no_stack, random_state=args.seed)
