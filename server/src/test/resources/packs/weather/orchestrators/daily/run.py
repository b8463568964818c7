def main(inputs):
    return inputs
