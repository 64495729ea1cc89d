import{a,b}from"./chunk-ZMRWHBGQ.js";import"./chunk-4AVFF352.js";export{a as pretty,b as render};
