import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.naive_bayes import GaussianNaiveBayes
from dlnotes.plot import plot_images
from dlnotes.train import accuracy, fit

device = get_device()
X, y = load_digits(device=device)  # 1797 images of 8 x 8 pixels in [0, 1], flattened to 64
order = torch.randperm(len(X), generator=torch.Generator().manual_seed(0)).to(device)
train, test = order[:1297], order[1297:]  # learn from 1297 images, test on the other 500

# Generative: P(x, y) = P(y) P(x | y), each pixel an independent Gaussian given the class.
bayes = GaussianNaiveBayes().fit(X[train], y[train])  # closed form: counts, means, variances
# Discriminative: P(y | x) = softmax(W x + b) directly, trained by gradient descent.
torch.manual_seed(0)
logistic = nn.Linear(64, 10).to(device)
optimizer = torch.optim.Adam(logistic.parameters(), lr=0.01)
fit(logistic, X[train], y[train], loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=300)

print(f"test accuracy: naive Bayes {accuracy(bayes, X[test], y[test]):.3f}, "
      f"logistic regression {accuracy(logistic, X[test], y[test]):.3f}")
#> test accuracy: naive Bayes 0.822, logistic regression 0.952
assert accuracy(logistic, X[test], y[test]) > accuracy(bayes, X[test], y[test]) > 0.75

# Only the generative model can make new data: draw a class, then every pixel.
X_new, y_new = bayes.sample(10, seed=0)
print("classes drawn:", y_new.tolist())
#> classes drawn: [9, 7, 4, 9, 6, 7, 1, 3, 5, 2]
print("naive Bayes reads its samples as:", bayes(X_new).argmax(dim=1).tolist())
#> naive Bayes reads its samples as: [9, 7, 4, 9, 6, 7, 1, 3, 5, 2]
images = torch.cat([bayes.mean, X_new.clamp(0, 1)]).reshape(20, 8, 8)  # means, then samples
titles = [f"mean of {c}" for c in range(10)] + [f"a new {c}" for c in y_new.tolist()]
fig = plot_images(images, titles=titles, ncols=10)
