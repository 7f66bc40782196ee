#!/usr/bin/env python3
"""Writes the curriculum test fixtures: one quirky lesson per document shape (A-D), quiz files
good and broken, and broken lessons for `tutor check`.

The quirks are deliberate and byte-exact, which is why a script writes them: CRLF line ends,
UTF-8 that was once read as Windows-1252 (mojibake such as "â€™", written literally in the
texts below, with "\x9d" for the byte Windows-1252 leaves undefined), trailing spaces, tabs,
blank lines inside lists, a missing final newline. Run from this folder: python3 make_fixtures.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(rel, text, crlf=False, final_newline=True):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not final_newline:
        text = text.rstrip("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


# Shape A: Hugo page with the four sections. CRLF, no final newline, mojibake, trailing
# spaces, a tab-indented nested list, blank lines between list items, a lab block.
SHAPE_A = """+++
title = "Pooling Layers"
weight = "3"
+++
## Preview
{{< ask_chatgpt >}}
give me five question about Pooling Layers
{{< /ask_chatgpt >}}

1. Why would a network want smaller feature maps as it gets deeper?   
2. How is max pooling different from average pooling?
3. Does a pooling layer learn anything during training?

## Explain
{{< ask_chatgpt >}}
Explain Pooling Layers and give an example
{{< /ask_chatgpt >}}

A pooling layer slides a small window over each feature map and replaces the window by a single number. The windowâ€™s size and its stride decide how much the map shrinks. 

Two summaries are common:

- **Max pooling** keeps the largest value in the window.

- **Average pooling** keeps the mean of the window.
\t- It smooths more than max pooling does.
\t- It was popular in early networks.

- Global pooling uses one window as large as the whole map.

Pooling acts on every channel separately, so a map with 64 channels still has 64 channels afterwards â€” only the height and width change.

| window | stride | 6x6 input becomes |
| --- | :---: | ---: |
| 2x2 | 2 | 3x3 |
| 3x3 | 3 | 2x2 |

```python
import numpy as np
x = np.arange(16).reshape(4, 4)
print(x.reshape(2, 2, 2, 2).max(axis=(1, 3)))  # 2x2 max pooling with stride 2, shown without any library helper so that each step is visible
```

Try it yourself:

```lab
pooling input=checker kernel=2 stride=2 mode=max
```

> Pooling is sometimes called â€œdown-samplingâ€\x9d: it keeps the gist and drops detail.

## Keypoints
{{< ask_chatgpt >}}
List the key points of Pooling Layers
{{< /ask_chatgpt >}}

1. Pooling has no learnable weights.

2. A 2x2 window with stride 2 halves the width and the height.

3. Max pooling gives some tolerance to small shifts of the input.

## Review
{{< ask_chatgpt >}}
Give me 5 medium-difficulty questions with answers about Pooling Layers
{{< /ask_chatgpt >}}

1. What does max pooling keep from each window? 
Answer: The largest value in the window.

2. A 2x2 max pool with stride 2 is applied to a 6x6 map. What size is the result?
Answer: 3x3

3. How many learnable parameters does a max pooling layer have?
Answer: 0

4. Name two reasons to use pooling.
Answer: It reduces computation for the layers that follow.
It also makes the network less sensitive to small translations.

5. List the steps of 2x2 max pooling with stride 2.
Answer: The steps are:
1. Split the map into non-overlapping 2x2 windows.
2. Keep the largest value of each window.
3. Place the results in a map half as wide and half as tall.
"""

# Shape B: GitBook-style article with an FAQ. LF ends, trailing spaces, tabs, a table,
# indented and fenced code, a GitBook embed and hint, mojibake, an ELI5 section.
SHAPE_B = """# Pooling Layer

Examples & Code

Pooling layers shrink feature maps so that later layers see a wider part of the image for the same cost.   
They have no weights of their own.

## Pooling Layer: Introduction
| Domains | Learning Methods | Type |
| --- | --- | --- |
| Machine Learning | Supervised | Deep Learning |

Pooling usually follows a convolution and its activation. Itâ€™s a fixed operation.

## Getting Started
Here is an example:

    pooled = max_pool(feature_map, size=2, stride=2)
    print(pooled.shape)

{% embed url="https://example.com/pooling-explained" caption="Pooling, explained with pictures" %}

{% hint style="info" %}
Average pooling works the same way with the mean instead of the maximum.
{% endhint %}

```
feature map 4x4  ->  pooled 2x2
```

## FAQs
### What does pooling do?
It reduces the height and width of each feature map by summarising small windows.

### Does pooling have weights?
No. Pooling is a fixed rule, so there is nothing to learn.

### Is pooling still used in modern networks?
Often, yes.
Some designs replace it with strided convolutions instead.

### Why not pool with a very large window?
Too much detail would be thrown away at once.

## Pooling Layer: ELI5
Imagine looking at a photo through a grid of small squares and only remembering the brightest spot in each square â€” you still know what the photo shows.
"""

# Shape C: flat question / answer bullets. CRLF, blank lines, a nested answer, a repeated
# first answer line, mojibake, mixed bullet characters, a tab.
SHAPE_C = """- What is an activation function?
- A function applied to each neuronâ€™s output that adds non-linearity.
- Why do CNNs need non-linear activations?
- Without them, stacked layers collapse into one linear map:

- A stack of linear layers equals a single linear layer.
\t- So depth would add nothing.
- Without them, stacked layers collapse into one linear map:
* What does ReLU compute?
* It outputs max(0, x): negative inputs become zero.
- Which activation turns scores into probabilities?
- Softmax. It exponentiates each score and divides by the total, so the outputs add up to 1.
- What is a dying ReLU?   
- A unit whose input is always negative, so its output and gradient stay at zero.
"""

# Shape D: free-form guide with numbered headings of varying level, prerequisites with bold
# lead-ins, a lab block, no Notes/Summary section (key points come from the lead-ins).
SHAPE_D = """# Convolution for Beginners

Before we start, make sure you are comfortable with multiplying and adding small grids of numbers.
This guide builds up the idea one step at a time.

## Prerequisites:
- **Matrices:** a grid of numbers with rows and columns.
- **Dot product:** multiply matching entries and add them up.
- Some patience.

## 1. What is convolution?
- A small grid of weights, the **kernel**, slides over the image.
- At each position it takes a dot product with the patch under it.

### 2. How it works:
\tThe kernel starts in the top-left corner.
- **Stride:** how many pixels the kernel moves each step.
- **Padding:** extra zeros around the border so the kernel can reach the edges.

```lab
convolution input=digit:3 kernel=sobel-x stride=1 padding=0
```

## 3) Output size
The output width is (W - K + 2P) / S + 1 for an input of width W, kernel K, padding P and stride S.

```
(28 - 5 + 0) / 1 + 1 = 24
```

#### Why this matters
Knowing the output size lets you stack layers without surprises.
"""

write("lessons/shape-a-pooling.md", SHAPE_A, crlf=True, final_newline=False)
write("lessons/shape-b-pooling-article.markdown", SHAPE_B)
write("lessons/shape-c-activation-notes.txt", SHAPE_C, crlf=True)
write("lessons/shape-d-convolution-guide.md", SHAPE_D)
write("lessons/README.md", "| lesson | covers |\n| --- | --- |\n| shape-a-pooling | pooling |\n")

QUIZ_A = """lesson: shape-a-pooling
questions:
  - id: stride-meaning
    kind: choice
    prompt: What does a larger stride do to the output feature map?
    choices:
      - It makes it larger
      - It makes it smaller
      - It leaves it unchanged
    answer: 2
    explain: The window jumps further each step, so fewer positions fit.

  - id: output-size
    kind: numeric
    prompt: A 32x32 input, 5x5 kernel, stride 1, padding 0. Output width?
    answer: 28
    explain: (32 - 5 + 0) / 1 + 1 = 28

  - id: output-shape
    kind: shape
    prompt: 28x28x3 input, 3x3 kernel, stride 1, no padding, 64 filters. Output shape?
    answer: [26, 26, 64]

  - id: pooling-keeps
    kind: short
    prompt: What kind of values does max pooling keep from each window?
    accept: ["the maximum", "the largest value", "max"]
    keywords: [[max, maximum, largest, biggest, highest]]
    explain: Max pooling keeps the largest activation in each window.

  - id: why-relu
    kind: open
    prompt: Why does a CNN need non-linear activations?
    answer: Without them, stacked layers collapse into one linear map.

  - id: conv-arithmetic
    kind: generated
    generator: conv-output-size
"""
write("quizzes/shape-a-pooling.yaml", QUIZ_A)

# Broken content for `tutor check`: each problem sits on a known line.
BROKEN_LAB = """+++
title = "Broken labs"
+++
## Preview
Some text.

## Explain
```lab
microscope zoom=3
```

```lab
convolution stride=two
```

## Keypoint
- One point.

## Review
1. What is one plus one?
Answer: 2
"""
write("broken/bad-lab.md", BROKEN_LAB)

NO_SHAPE = """Just some thoughts about convolution.

It slides a kernel over an image. Nothing here is a heading, a question or a list.
"""
write("broken/no-shape.md", NO_SHAPE)

MISSING_ANSWER = """## Preview
Intro.

## Explain
Body.

## Keypoint
- Point.

## Review
1. What is stride?
Answer: How far the window moves.

2. What is padding?

3. What is a kernel?
Answer: A small grid of weights.
"""
write("broken/missing-answer.md", MISSING_ANSWER)

BAD_SYNTAX = """lesson: missing-answer
questions:
  - id: one
    kind: numeric
    prompt: "An unterminated string
    answer: 3
"""
write("broken/bad-syntax.yaml", BAD_SYNTAX)

BROKEN_QUIZ = """lesson: missing-answer
colour: blue
questions:
  - id: pick
    kind: choice
    prompt: Pick one
    choices: [a, b, c]
    answer: 4
  - id: pick
    kind: numeric
    prompt: Duplicate id
    answer: 1
  - id: no-prompt
    kind: numeric
    answer: 5
  - id: gen
    kind: generated
    generator: conv-transpose-size
  - id: extra
    kind: short
    prompt: Hello?
    accept: [hi]
    tolerance: 2
"""
write("broken/missing-answer.yaml", BROKEN_QUIZ)

ORPHAN_QUIZ = """lesson: no-such-lesson
questions:
  - id: q
    kind: open
    prompt: Anything?
    answer: Something.
"""
write("broken/no-such-lesson.yaml", ORPHAN_QUIZ)
