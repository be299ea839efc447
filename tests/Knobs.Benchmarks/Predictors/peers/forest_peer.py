#!/usr/bin/python3
"""scikit-learn peer of the latency-predictor benchmark: nn-Meter's random-forest kernel predictor.

    /usr/bin/python3 forest_peer.py IN.csv OUT.csv [--jobs N]

Leave-one-group-out over the `fold` column, one forest per op `family` (nn-Meter fits one forest per kernel
type): for each fold f and family k, a RandomForestRegressor is fit on the rows of family k whose fold is not f
and predicts the rows of family k whose fold is f. The forest fits the raw latency in ms, as nn-Meter does.

The forest settings are nn-Meter's published ones for its conv (conv-bn-relu) kernel predictor on the CPU
backend, used for every family:

    max_depth=70, n_estimators=320, max_features=6, min_samples_leaf=1, min_samples_split=2,
    oob_score=True, random_state=10

(bootstrap and criterion are scikit-learn's defaults: bootstrap=True, squared error). max_features is clamped
to the number of feature columns when there are fewer than 6 (said on stderr). oob_score only adds the
out-of-bag R^2 to the fitted forest; it does not change the predictions. n_jobs is 1 unless --jobs is given;
--jobs only parallelises fitting (prediction sums the trees on one thread), so the output is bit-identical
for any N.

IN.csv: a header line, then columns `row` (int id), `fold` (text), `family` (text), `target` (latency, ms),
and after `target` any number of numeric feature columns. OUT.csv: `row,prediction`, one line per predicted
row, sorted by row, predictions as repr(float). Rows whose family has no training rows outside their fold
are left out (counted on stderr).

Exit status: 0 done; 2 bad usage or bad input (the message names the file and line); 3 numpy/scikit-learn
missing (use Debian's /usr/bin/python3 with python3-sklearn; a pyenv python3 does not see it).
"""
import argparse
import csv
import math
import os
import sys
import time
import warnings

SETTINGS = dict(
    max_depth=70,
    n_estimators=320,
    max_features=6,
    min_samples_leaf=1,
    min_samples_split=2,
    oob_score=True,
    random_state=10,
)
ID_COLUMNS = ("row", "fold", "family")
TARGET = "target"


class InputError(Exception):
    pass


def read_table(path):
    """Rows of IN.csv as (row ids, folds, families, targets, feature matrix as lists, feature names)."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"{path}: cannot open: {e.strerror}")
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
            while header is not None and not any(c.strip() for c in header):
                header = next(reader, None)
            if header is None:
                raise InputError(f"{path}: empty file (no header line)")
            header_line = reader.line_num
            names = [c.strip() for c in header]
            seen = set()
            for name in names:
                if name == "":
                    raise InputError(f"{path}:{header_line}: empty column name in the header")
                if name in seen:
                    raise InputError(f"{path}:{header_line}: column '{name}' appears twice in the header")
                seen.add(name)
            for name in ID_COLUMNS + (TARGET,):
                if name not in seen:
                    raise InputError(f"{path}:{header_line}: missing column '{name}' "
                                     f"(need row, fold, family, target, then the feature columns)")
            t = names.index(TARGET)
            for name in names[:t]:
                if name not in ID_COLUMNS:
                    raise InputError(f"{path}:{header_line}: column '{name}' comes before 'target'; "
                                     f"feature columns must come after 'target'")
            for name in ID_COLUMNS:
                if names.index(name) > t:
                    raise InputError(f"{path}:{header_line}: column '{name}' must come before 'target'")
            feature_names = names[t + 1:]
            if not feature_names:
                raise InputError(f"{path}:{header_line}: no feature columns after 'target'")
            i_row, i_fold, i_family = (names.index(n) for n in ID_COLUMNS)

            rows, folds, families, targets, features = [], [], [], [], []
            first_line = {}
            for cells in reader:
                line = reader.line_num
                if not any(c.strip() for c in cells):
                    continue  # blank line
                if len(cells) != len(names):
                    raise InputError(f"{path}:{line}: {len(cells)} fields, the header has {len(names)}")
                text = cells[i_row].strip()
                try:
                    row = int(text)
                except ValueError:
                    raise InputError(f"{path}:{line}: column 'row': '{text}' is not an integer")
                if row in first_line:
                    raise InputError(f"{path}:{line}: row id {row} already used on line {first_line[row]}")
                first_line[row] = line
                fold = cells[i_fold].strip()
                family = cells[i_family].strip()
                if fold == "":
                    raise InputError(f"{path}:{line}: column 'fold' is empty")
                if family == "":
                    raise InputError(f"{path}:{line}: column 'family' is empty")
                values = []
                for j in range(t, len(names)):
                    text = cells[j].strip()
                    try:
                        v = float(text)
                    except ValueError:
                        raise InputError(f"{path}:{line}: column '{names[j]}': '{text}' is not a number")
                    if not math.isfinite(v):
                        raise InputError(f"{path}:{line}: column '{names[j]}': '{text}' is not a finite number")
                    values.append(v)
                rows.append(row)
                folds.append(fold)
                families.append(family)
                targets.append(values[0])
                features.append(values[1:])
        except csv.Error as e:
            raise InputError(f"{path}:{reader.line_num}: malformed CSV: {e}")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not UTF-8 text: {e}")
    if not rows:
        raise InputError(f"{path}: empty file (a header but no data rows)")
    return rows, folds, families, targets, features, feature_names


def main(argv):
    parser = argparse.ArgumentParser(
        description="nn-Meter's random-forest kernel predictor, leave-one-fold-out, one forest per family.")
    parser.add_argument("input", help="IN.csv: row,fold,family,target,<features...>")
    parser.add_argument("output", help="OUT.csv: row,prediction")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="n_jobs of each forest (default 1; -1 = all cores); predictions do not depend on it")
    args = parser.parse_args(argv)
    if args.jobs == 0 or args.jobs < -1:
        parser.error("--jobs must be a positive number or -1")

    try:
        import numpy as np
        import sklearn
        from sklearn.ensemble import RandomForestRegressor
    except ImportError as e:
        print(f"forest_peer: {e}; needs numpy and scikit-learn (Debian: apt-get install python3-sklearn, "
              f"then run with /usr/bin/python3)", file=sys.stderr)
        return 3

    try:
        rows, folds, families, targets, features, feature_names = read_table(args.input)
    except InputError as e:
        print(f"forest_peer: {e}", file=sys.stderr)
        return 2

    start = time.perf_counter()
    row_ids = np.asarray(rows, dtype=np.int64)
    fold_of = np.asarray(folds, dtype=object)
    family_of = np.asarray(families, dtype=object)
    y = np.asarray(targets, dtype=np.float64)
    X = np.asarray(features, dtype=np.float64).reshape(len(rows), len(feature_names))

    settings = dict(SETTINGS)
    if settings["max_features"] > X.shape[1]:
        print(f"forest_peer: max_features={settings['max_features']} clamped to {X.shape[1]} "
              f"(only {X.shape[1]} feature columns)", file=sys.stderr)
        settings["max_features"] = X.shape[1]

    fold_names = sorted(set(folds))
    family_names = sorted(set(families))
    predicted_rows, predictions = [], []
    forests = 0
    for fold in fold_names:
        in_fold = fold_of == fold
        for family in family_names:
            of_family = family_of == family
            test = in_fold & of_family
            if not test.any():
                continue
            train = of_family & ~in_fold
            if not train.any():
                print(f"forest_peer: fold '{fold}', family '{family}': no training rows outside the fold; "
                      f"{int(test.sum())} row(s) left without a prediction", file=sys.stderr)
                continue
            forest = RandomForestRegressor(n_jobs=args.jobs, **settings)
            with warnings.catch_warnings():
                # Out-of-bag bookkeeping on small training sets (rows never out of bag, R^2 of one sample);
                # it does not touch the predictions.
                warnings.filterwarnings("ignore", message="Some inputs do not have OOB scores")
                warnings.filterwarnings("ignore", message="R\\^2 score is not well-defined")
                forest.fit(X[train], y[train])
            # Predict on one thread: with several, the trees' outputs are summed in whatever order the threads
            # finish, which moves the last bits; the fitted trees themselves do not depend on n_jobs.
            forest.set_params(n_jobs=1)
            predicted_rows.append(row_ids[test])
            predictions.append(forest.predict(X[test]))
            forests += 1

    if predicted_rows:
        out_rows = np.concatenate(predicted_rows)
        out_pred = np.concatenate(predictions)
        order = np.argsort(out_rows, kind="stable")
        out_rows, out_pred = out_rows[order], out_pred[order]
    else:
        out_rows, out_pred = np.empty(0, dtype=np.int64), np.empty(0)

    tmp = args.output + ".tmp"
    try:
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            f.write("row,prediction\n")
            for r, p in zip(out_rows.tolist(), out_pred.tolist()):
                f.write(f"{r},{float(p)!r}\n")
        os.replace(tmp, args.output)
    except OSError as e:
        print(f"forest_peer: {args.output}: cannot write: {e.strerror}", file=sys.stderr)
        try:
            os.remove(tmp)
        except OSError:
            pass
        return 2

    print(f"forest_peer: sklearn {sklearn.__version__}; {len(rows)} rows, {X.shape[1]} features, "
          f"{len(fold_names)} folds, {len(family_names)} families; {forests} forests; "
          f"{len(out_rows)} rows predicted in {time.perf_counter() - start:.2f} s (n_jobs={args.jobs})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
