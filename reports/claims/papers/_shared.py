"""The anchor papers' citations (each claim's source)."""

KINGMA = "Kingma & Ba 2015, Adam (arXiv:1412.6980)"
REDDI = "Reddi, Kale & Kumar 2018, On the Convergence of Adam and Beyond (ICLR)"
DUCHI = "Duchi, Hazan & Singer 2011, AdaGrad (JMLR 12)"
ZEILER = "Zeiler 2012, ADADELTA (arXiv:1212.5701)"
LOSHCHILOV = "Loshchilov & Hutter 2019, Decoupled Weight Decay (arXiv:1711.05101)"
