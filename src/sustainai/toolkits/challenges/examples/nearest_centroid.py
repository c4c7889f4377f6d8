"""Small: the mean of each class, and each test row given the class of the nearest mean.
numpy only, no training loop."""

import numpy as np


def predict(X_train, y_train, X_test):
    classes = np.unique(y_train)
    centroids = np.stack([X_train[y_train == c].mean(axis=0) for c in classes])
    distances = ((X_test[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return classes[distances.argmin(axis=1)]
