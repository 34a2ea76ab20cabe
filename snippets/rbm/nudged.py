import torch
from sklearn.linear_model import LogisticRegression

from dlnotes.data import load_digits
from dlnotes.rbm import RBM, nudge

X, y = load_digits()
X, y = nudge(X), y.repeat(5)  # 8985 images: each digit and 4 shifts
g = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=g)
train, test = order[:7188], order[7188:]  # 80% / 20%, as in the example

rbm = RBM(64, 100, seed=0)
rbm.fit(X[train], epochs=10, lr=0.06, batch_size=10, persistent=True)
features = rbm.transform(X).cpu().numpy()  # (8985, 100): p(h = 1 | v)

scores = {}
for name, inputs in [("raw pixels", X.numpy()), ("RBM features", features)]:
    classifier = LogisticRegression(C=100.0, solver="newton-cg")
    classifier.fit(inputs[train], y[train].numpy())
    scores[name] = classifier.score(inputs[test], y[test].numpy())
print({name: round(s, 3) for name, s in scores.items()})
#> {'raw pixels': 0.794, 'RBM features': 0.945}
assert scores["RBM features"] > 0.92 and scores["raw pixels"] < 0.82
