"""A multi-armed Bernoulli bandit, and agents that learn which arm pays from reward alone.

A bandit is the smallest reinforcement-learning problem: no labels, only a reward
after each action. At step ``t`` the agent pulls an arm ``a_t`` and receives
``r_t ∈ {0, 1}``, 1 with the arm's unknown probability ``p_{a_t}``. Its *regret*
at that step is what it gave up in expectation,

    Δ_t = p* − p_{a_t},   p* = max_a p_a,

and a learning agent's regret per step falls as it learns.

Explained in the chapter "Machine learning at a glance" (docs/ml-overview.md,
section "Reinforcement learning").
"""

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from dlnotes._checks import check_count, check_seed


class BernoulliBandit:
    """``K`` arms; arm ``a`` pays 1 with probability ``probs[a]``, else 0.

    Args:
        probs: the ``K >= 2`` win probabilities, each in ``[0, 1]``.
        seed: seed for the bandit's own generator (Python's ``random.Random``);
            ``None`` seeds it from the operating system.

    Raises:
        TypeError: ``probs`` is not a sequence of numbers, or ``seed`` is neither
            an ``int`` nor ``None``.
        ValueError: fewer than 2 arms, a probability outside ``[0, 1]``, or
            ``seed`` outside ``[0, 2**32 - 1]``.

    Examples:
        >>> bandit = BernoulliBandit([0.0, 1.0], seed=0)
        >>> bandit.pull(0), bandit.pull(1), bandit.best_mean, bandit.regret(0)
        (0, 1, 1.0, 1.0)
    """

    def __init__(self, probs: Sequence[float], *, seed: int | None = None) -> None:
        if isinstance(probs, (str, bytes)) or not isinstance(probs, Sequence):
            raise TypeError(f"probs must be a sequence of numbers, got {type(probs).__name__}")
        for p in probs:
            if isinstance(p, bool) or not isinstance(p, (int, float)):
                raise TypeError(f"probs must be numbers, got {p!r}")
            if not 0 <= p <= 1:
                raise ValueError(f"every probability must be in [0, 1], got {p}")
        if len(probs) < 2:
            raise ValueError(f"a bandit needs at least 2 arms, got {len(probs)}")
        check_seed("seed", seed, optional=True)
        self.probs = tuple(float(p) for p in probs)
        self.best_mean = max(self.probs)
        self._rng = random.Random(seed)

    @property
    def n_arms(self) -> int:
        """The number of arms ``K``."""
        return len(self.probs)

    def pull(self, arm: int) -> int:
        """Pull ``arm`` and return the reward: 1 with probability ``probs[arm]``, else 0."""
        _check_arm(arm, self.n_arms)
        return int(self._rng.random() < self.probs[arm])

    def regret(self, arm: int) -> float:
        """Return the expected reward lost by pulling ``arm``: ``p* − p_arm``."""
        _check_arm(arm, self.n_arms)
        return self.best_mean - self.probs[arm]


class Agent:
    """Base of the agents: keeps each arm's pull count ``N_a`` and mean reward ``Q_a``.

    After a reward ``r`` from arm ``a``, ``N_a ← N_a + 1`` and
    ``Q_a ← Q_a + (r − Q_a) / N_a``, the running mean of the arm's rewards.
    Subclasses decide which arm to pull in ``select``.
    """

    def __init__(self, n_arms: int) -> None:
        check_count("n_arms", n_arms, 2)
        self.counts = [0] * n_arms
        self.values = [0.0] * n_arms

    @property
    def n_arms(self) -> int:
        """The number of arms ``K``."""
        return len(self.counts)

    def select(self) -> int:
        """Return the arm to pull next."""
        raise NotImplementedError

    def update(self, arm: int, reward: float) -> None:
        """Record ``reward`` from ``arm``: the agent's only feedback."""
        _check_arm(arm, self.n_arms)
        self.counts[arm] += 1
        self.values[arm] += (reward - self.values[arm]) / self.counts[arm]


class EpsilonGreedy(Agent):
    """With probability ``ε`` pull a random arm (explore), else the best so far (exploit).

    The best arm is ``argmax_a Q_a``, ties broken at random, so with ``ε = 0``
    the agent is purely greedy and may settle on a poor arm for good.

    Args:
        n_arms: the number of arms (at least 2).
        epsilon: the exploration probability ``ε`` in ``[0, 1]``.
        seed: seed for the agent's own generator; ``None`` seeds it from the OS.

    Examples:
        >>> agent = EpsilonGreedy(3, epsilon=0.0, seed=0)
        >>> agent.update(2, 1.0)
        >>> agent.select()          # greedy: the only arm that has paid
        2
    """

    def __init__(self, n_arms: int, epsilon: float = 0.1, *, seed: int | None = None) -> None:
        super().__init__(n_arms)
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)):
            raise TypeError(f"epsilon must be a number, got {type(epsilon).__name__}")
        if not 0 <= epsilon <= 1:
            raise ValueError(f"epsilon must be in [0, 1], got {epsilon}")
        check_seed("seed", seed, optional=True)
        self.epsilon = float(epsilon)
        self._rng = random.Random(seed)

    def select(self) -> int:
        """Return a random arm with probability ``ε``, else an arm with the largest ``Q_a``."""
        if self._rng.random() < self.epsilon:
            return self._rng.randrange(self.n_arms)
        best = max(self.values)
        return self._rng.choice([a for a, q in enumerate(self.values) if q == best])


class UCB1(Agent):
    """Pull the arm with the highest upper confidence bound (Auer et al., 2002).

    Each arm is pulled once; then at step ``t`` (pulls so far, plus one)

        a_t = argmax_a  Q_a + c · sqrt(2 ln t / N_a),

    an optimistic estimate: an arm pulled rarely has a wide bonus, so it is
    tried again until its mean is known well enough. Ties go to the lowest arm.

    Args:
        n_arms: the number of arms (at least 2).
        c: scale of the exploration bonus (``c = 1`` is UCB1), at least 0.

    Examples:
        >>> agent = UCB1(2)
        >>> agent.select(), agent.update(0, 1.0), agent.select()   # each arm once first
        (0, None, 1)
    """

    def __init__(self, n_arms: int, c: float = 1.0) -> None:
        super().__init__(n_arms)
        if isinstance(c, bool) or not isinstance(c, (int, float)):
            raise TypeError(f"c must be a number, got {type(c).__name__}")
        if not c >= 0:
            raise ValueError(f"c must be >= 0, got {c}")
        self.c = float(c)

    def bounds(self) -> list[float]:
        """Return ``Q_a + c · sqrt(2 ln t / N_a)`` for every arm (``inf`` if never pulled)."""
        t = sum(self.counts) + 1
        return [
            q + self.c * math.sqrt(2 * math.log(t) / n) if n else math.inf
            for q, n in zip(self.values, self.counts)
        ]

    def select(self) -> int:
        """Return the arm with the largest bound (an arm never pulled comes first)."""
        bounds = self.bounds()
        return bounds.index(max(bounds))


@dataclass
class BanditRun:
    """One run of [run_bandit][dlnotes.bandit.run_bandit]: per step, the arm, the reward and the regret."""

    arms: list[int] = field(default_factory=list)
    rewards: list[int] = field(default_factory=list)
    regret: list[float] = field(default_factory=list)


def run_bandit(bandit: BernoulliBandit, agent: Agent, steps: int) -> BanditRun:
    """Let ``agent`` play ``bandit`` for ``steps`` steps; return what happened.

    Each step: ``a = agent.select()``, ``r = bandit.pull(a)``, ``agent.update(a, r)``.
    The agent sees only ``r``; the regret ``Δ_t = p* − p_{a_t}`` is recorded for
    us, from the probabilities the agent never sees.

    Args:
        bandit: the arms.
        agent: an [Agent][dlnotes.bandit.Agent] with as many arms as the bandit.
        steps: the number of pulls (at least 1).

    Returns:
        A [BanditRun][dlnotes.bandit.BanditRun], each list of length ``steps``.

    Raises:
        TypeError: an argument has the wrong type.
        ValueError: the agent and the bandit have different numbers of arms, or
            ``steps < 1``.

    Examples:
        >>> run = run_bandit(BernoulliBandit([0.2, 0.8], seed=0), UCB1(2), steps=500)
        >>> sum(run.regret[:50]) / 50 > sum(run.regret[-50:]) / 50   # it learns
        True
    """
    if not isinstance(bandit, BernoulliBandit):
        raise TypeError(f"bandit must be a BernoulliBandit, got {type(bandit).__name__}")
    if not isinstance(agent, Agent):
        raise TypeError(f"agent must be a dlnotes.bandit.Agent, got {type(agent).__name__}")
    if agent.n_arms != bandit.n_arms:
        raise ValueError(f"the agent has {agent.n_arms} arms but the bandit has {bandit.n_arms}")
    check_count("steps", steps)
    run = BanditRun()
    for _ in range(steps):
        arm = agent.select()
        reward = bandit.pull(arm)
        agent.update(arm, reward)
        run.arms.append(arm)
        run.rewards.append(reward)
        run.regret.append(bandit.regret(arm))
    return run


def _check_arm(arm: int, n_arms: int) -> None:
    if isinstance(arm, bool) or not isinstance(arm, int):
        raise TypeError(f"arm must be an int, got {type(arm).__name__}")
    if not 0 <= arm < n_arms:
        raise ValueError(f"arm must be in [0, {n_arms}), got {arm}")
